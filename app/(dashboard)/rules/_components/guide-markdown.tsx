import Markdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

/** The investigation guide as markdown: GFM, sanitized, no raw HTML, external links in a new tab. */
const components: Components = {
  h1: (p) => <h2 className="mb-2 mt-5 text-lg font-semibold" {...p} />,
  h2: (p) => <h3 className="mb-2 mt-5 text-base font-semibold" {...p} />,
  h3: (p) => <h4 className="mb-1 mt-4 text-sm font-semibold" {...p} />,
  h4: (p) => <h5 className="mb-1 mt-3 text-sm font-semibold" {...p} />,
  p: (p) => <p className="my-2 leading-relaxed" {...p} />,
  ul: (p) => <ul className="my-2 list-disc space-y-1 pl-6" {...p} />,
  ol: (p) => <ol className="my-2 list-decimal space-y-1 pl-6" {...p} />,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer" className="text-sky-600 underline-offset-2 hover:underline dark:text-sky-400">
      {children}
    </a>
  ),
  code: (p) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-slate-800" {...p} />,
  pre: (p) => <pre className="my-2 overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-950 [&_code]:bg-transparent [&_code]:p-0" {...p} />,
  table: (p) => <table className="my-2 w-full border-collapse text-sm" {...p} />,
  th: (p) => <th className="border border-slate-300 px-2 py-1 text-left dark:border-slate-700" {...p} />,
  td: (p) => <td className="border border-slate-300 px-2 py-1 dark:border-slate-700" {...p} />,
  blockquote: (p) => <blockquote className="my-2 border-l-4 border-slate-300 pl-3 text-slate-600 dark:border-slate-700 dark:text-slate-400" {...p} />,
};

export function GuideMarkdown({ markdown }: { markdown: string }) {
  return (
    <div className="text-sm" data-testid="investigation-guide">
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} components={components}>
        {markdown}
      </Markdown>
    </div>
  );
}
