/** A workbook download: an ASCII file name for old clients, the Chinese one (RFC 5987) for the rest. */
export function xlsxResponse(data: Buffer, asciiName: string, name: string): Response {
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
