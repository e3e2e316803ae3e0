import Markdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { safeExternalUrl } from "@/components/alerts/format";

/**
 * Investigation-guide markdown, for the rule page (`full`: headings, tables) and the alert page
 * (`compact`: checklist steps, bullet lists). One policy for both: GFM, sanitized (no raw HTML), and
 * only http(s) links, opened in a new tab without an opener; any other link is shown as its text.
 * A server component: the markdown is rendered to HTML on the server, never parsed in the browser.
 */
const link: Components["a"] = ({ href, children }) => {
  const safe = href ? safeExternalUrl(href) : null;
  return safe ? (
    <a href={safe} target="_blank" rel="noopener noreferrer" className="text-sky-600 underline underline-offset-2 dark:text-sky-400">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );
};

const code: Components["code"] = (p) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-slate-800" {...p} />;

const FULL: Components = {
  a: link,
  code,
  h1: (p) => <h2 className="mt-5 mb-2 text-lg font-semibold" {...p} />,
  h2: (p) => <h3 className="mt-5 mb-2 text-base font-semibold" {...p} />,
  h3: (p) => <h4 className="mt-4 mb-1 text-sm font-semibold" {...p} />,
  h4: (p) => <h5 className="mt-3 mb-1 text-sm font-semibold" {...p} />,
  p: (p) => <p className="my-2 leading-relaxed" {...p} />,
  ul: (p) => <ul className="my-2 list-disc space-y-1 pl-6" {...p} />,
  ol: (p) => <ol className="my-2 list-decimal space-y-1 pl-6" {...p} />,
  pre: (p) => <pre className="my-2 overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs whitespace-pre-wrap dark:bg-slate-950 [&_code]:bg-transparent [&_code]:p-0" {...p} />,
  table: (p) => <table className="my-2 w-full border-collapse text-sm" {...p} />,
  th: (p) => <th className="border border-slate-300 px-2 py-1 text-left dark:border-slate-700" {...p} />,
  td: (p) => <td className="border border-slate-300 px-2 py-1 dark:border-slate-700" {...p} />,
  blockquote: (p) => <blockquote className="my-2 border-l-4 border-slate-300 pl-3 text-slate-600 dark:border-slate-700 dark:text-slate-400" {...p} />,
};

const COMPACT: Components = {
  a: link,
  code,
  ul: (p) => <ul className="ml-4 list-disc space-y-1" {...p} />,
  ol: (p) => <ol className="ml-4 list-decimal space-y-1" {...p} />,
};

export function GuideMarkdown({ markdown, variant = "compact" }: { markdown: string; variant?: "full" | "compact" }) {
  return (
    <div
      data-testid={variant === "full" ? "investigation-guide" : undefined}
      className={variant === "full" ? "text-sm" : "space-y-2 text-[13px] leading-relaxed text-slate-700 dark:text-slate-300"}
    >
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} components={variant === "full" ? FULL : COMPACT}>
        {markdown}
      </Markdown>
    </div>
  );
}

/** A list of guide items (each markdown) as one bulleted list. */
export const bulletList = (items: string[]) => items.map((i) => `- ${i.replace(/\n/g, "\n  ")}`).join("\n");
