import type { Metadata } from "next";
import { currentUser } from "@/lib/auth/server-session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lateral", template: "%s · Lateral" },
  description: "Detect and triage lateral movement over Windows Remote Management",
  icons: { icon: "/favicon.svg" },
};

/**
 * The theme is the signed-in user's choice (kept with the user, so it follows them across browsers);
 * "system", the default and the sign-in page's, follows the browser's prefers-color-scheme in CSS.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = (await currentUser())?.theme ?? "system";
  return (
    <html lang="en" className={theme} data-theme={theme}>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
