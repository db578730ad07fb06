/** The one error type for expected failures: a stable code, a message for the user, optional details. */
export class AppError extends Error {
  constructor(public code: string, message: string, public details?: unknown, public status = 400) {
    super(message);
  }
}
