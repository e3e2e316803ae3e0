"use client";

import { useEffect, useState } from "react";

/** The shell's theme (class on <html>: "light", "dark" or "system"), for libraries that need it. */
export function useColorMode(): "light" | "dark" | "system" {
  const [mode, setMode] = useState<"light" | "dark" | "system">("system");
  useEffect(() => {
    const read = () => {
      const c = document.documentElement.classList;
      setMode(c.contains("dark") ? "dark" : c.contains("light") ? "light" : "system");
    };
    read();
    const mo = new MutationObserver(read);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => mo.disconnect();
  }, []);
  return mode;
}
