import { buildIfNeeded } from "@/scripts/build-if-needed";

/** One production build of the web app for the whole run (skipped when it is current). */
export async function setup() {
  await buildIfNeeded(process.cwd(), (m) => console.log(m));
}
