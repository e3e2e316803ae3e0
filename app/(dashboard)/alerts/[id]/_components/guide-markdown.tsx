import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { safeExternalUrl } from "@/components/alerts/format";

/** Investigation-guide markdown: GFM, sanitized, links only to http(s). */
export function GuideMarkdown({ children }: { children: string }) {
  return (
    <div className="guide-markdown space-y-2 text-[13px] leading-relaxed text-slate-700 dark:text-slate-300 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[12px] dark:[&_code]:bg-slate-800 [&_li]:ml-4 [&_ol]:list-decimal [&_ul]:list-disc [&_ul]:space-y-1">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        components={{
          a: ({ href, children: text }) => {
            const safe = href ? safeExternalUrl(href) : null;
            return safe ? (
              <a href={safe} target="_blank" rel="noopener noreferrer" className="text-sky-600 underline dark:text-sky-400">
                {text}
              </a>
            ) : (
              <span>{text}</span>
            );
          },
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}

/** A list of guide items (each markdown) as one bulleted list. */
export const bulletList = (items: string[]) => items.map((i) => `- ${i.replace(/\n/g, "\n  ")}`).join("\n");
