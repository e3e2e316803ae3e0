-- Each user's theme: "system" follows the browser's prefers-color-scheme; "light" or "dark" is a choice.
ALTER TABLE "users" ADD COLUMN "theme" TEXT NOT NULL DEFAULT 'system';
