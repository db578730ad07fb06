import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db";
import { env } from "../env";
import type { Actor } from "./actor";
import { verifyCredentials } from "./users";

const credentialsSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });

/** next-auth v4: username and password against app_user, the actor carried in a signed JWT cookie. */
export const nextAuthOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { username: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await verifyCredentials(getDb().db, parsed.data);
        if (!user) return null;
        return { id: String(user.id), name: user.displayName, actor: { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId, providerId: user.providerId } };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && "actor" in user) token.actor = (user as { actor: Actor }).actor;
      return token;
    },
    session({ session, token }) {
      return { ...session, actor: token.actor as Actor | undefined };
    },
  },
};
