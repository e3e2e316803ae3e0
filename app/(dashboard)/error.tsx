"use client";

import { ErrorPage } from "@/components/ui/error-page";

/** An error inside the dashboard keeps the shell (navigation) around the message. */
export default ErrorPage;
