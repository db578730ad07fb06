import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db";
import { env } from "../env";
import { signIn } from "./users";

const credentialsSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });

/** What the session cookie carries: only who and under which session version; everything else is read per request. */
export type SessionUser = { userId: number; sessionVersion: number };

export const SESSION_HOURS = 12;

/** next-auth v4: username and password against app_user, a signed JWT cookie that expires after SESSION_HOURS. */
export const nextAuthOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { username: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await signIn(getDb().db, parsed.data);
        // the login form maps these codes to messages; a locked account says until when
        if (!result.ok) throw new Error(result.reason === "locked" ? `locked:${result.lockedUntil?.toISOString() ?? ""}` : result.reason);
        const user = result.user;
        return { id: String(user.id), name: user.displayName, sessionUser: { userId: user.id, sessionVersion: user.sessionVersion } };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && "sessionUser" in user) token.sessionUser = (user as { sessionUser: SessionUser }).sessionUser;
      return token;
    },
    session({ session, token }) {
      return { ...session, sessionUser: token.sessionUser as SessionUser | undefined };
    },
  },
};
