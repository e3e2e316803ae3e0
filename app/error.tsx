"use client";

import { ErrorPage } from "@/components/ui/error-page";

export default ErrorPage;
