import { safeExternalUrl } from "@/components/alerts/format";
import { Section } from "@/components/ui/section";
import type { ThreatMapping } from "@/lib/rules";
import type { AlertRuleInfo } from "@/lib/triage/get-alert-detail";

function MitreLink({ id, name, reference }: { id: string; name: string; reference: string }) {
  const href = safeExternalUrl(reference);
  const label = (
    <>
      <span className="font-mono text-[11px] text-slate-500">{id}</span> {name}
    </>
  );
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" className="hover:text-sky-500 hover:underline">
      {label}
    </a>
  ) : (
    <span>{label}</span>
  );
}

/** The rule's description, references and its MITRE ATT&CK mapping. */
export function RuleSection({ rule, threat }: { rule: AlertRuleInfo | null; threat: ThreatMapping[] }) {
  return (
    <Section title="Rule">
      {rule && <p className="text-[13px] leading-relaxed text-slate-700 dark:text-slate-300">{rule.description}</p>}
      {threat.length > 0 && (
        <div className="mt-3">
          <h3 className="mb-1 text-[11px] tracking-wide text-slate-500 uppercase">MITRE ATT&amp;CK</h3>
          <ul aria-label="MITRE ATT&CK" className="space-y-1 text-[13px]">
            {threat.map((t) => (
              <li key={t.tactic.id}>
                <span className="mr-1 rounded bg-slate-200 px-1 text-[10px] uppercase dark:bg-slate-800">Tactic</span>
                <MitreLink {...t.tactic} />
                <ul className="mt-0.5 ml-4 space-y-0.5">
                  {t.techniques.map((tech) => (
                    <li key={tech.id}>
                      <MitreLink {...tech} />
                      {tech.subtechniques.length > 0 && (
                        <ul className="ml-4">
                          {tech.subtechniques.map((s) => (
                            <li key={s.id}>
                              <MitreLink {...s} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
      {rule && rule.references.length > 0 && (
        <div className="mt-3">
          <h3 className="mb-1 text-[11px] tracking-wide text-slate-500 uppercase">References</h3>
          <ul className="space-y-0.5 text-xs">
            {rule.references.map((r) => {
              const href = safeExternalUrl(r);
              return (
                <li key={r} className="truncate">
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer" className="text-sky-600 hover:underline dark:text-sky-400">
                      {r}
                    </a>
                  ) : (
                    r
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Section>
  );
}
