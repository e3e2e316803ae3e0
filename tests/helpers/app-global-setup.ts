import { buildIfNeeded } from "@/scripts/build-if-needed";
import { failRunOnError } from "./postgres-global-setup";

/**
 * One production build of the web app for the whole run (skipped when it is current, or when
 * SKIP_APP_BUILD=1 for a run of tests that do not start the app).
 */
export async function setup() {
  if (process.env.SKIP_APP_BUILD === "1") return;
  await failRunOnError(() => buildIfNeeded(process.cwd(), (m) => console.log(m)));
}
