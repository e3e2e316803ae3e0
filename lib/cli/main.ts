import { parseArgs } from "node:util";
import { systemActor } from "../auth/actor";
import { API_KEY_SCOPES, ROLES, type ApiKeyScope, type Role } from "../auth/roles";
import { closeDb } from "../db/client";
import { openDatabase } from "../db/database";
import { createApiKey } from "../users/create-api-key";
import { createUser } from "../users/create-user";
import { listApiKeys } from "../users/list-api-keys";
import { revokeApiKey } from "../users/revoke-api-key";

/**
 * `npm run cli -- <command>`. Commands that need the database use DATABASE_URL, or the embedded
 * PostgreSQL (npm start's when it runs, else started for the command).
 */
const USAGE = `Usage: npm run cli -- <command>
  user create --email E --role viewer|analyst|admin [--password P] [--name N]
  apikey create --name N --scope ingest|read|analyst|admin
  apikey list
  apikey revoke ID
  import FILE...                      bulk-import event files (.json .ndjson .jsonl .xml, in .zip/.gz too)
  eql --query '<EQL>' [--rule ID] [--mapping FILE] [--timestamp-field F] [--category-field F] [--tiebreaker-field F] FILE...
  rules import PATH...                import Elastic detection-rules TOML files or folders of them (stored disabled)
  rules enable RULE_ID | rules disable RULE_ID`;

type Command = (args: string[]) => Promise<number>;

const cliActor = systemActor("cli");

const commands: Record<string, Command> = {
  "user create": withDb(async (args) => {
    const { values } = parseArgs({
      args,
      options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
    });
    if (!values.email || !values.role) return usage("user create needs --email and --role");
    if (!ROLES.includes(values.role as Role)) return usage(`--role must be one of ${ROLES.join(", ")}`);
    const { user, password, generated } = await createUser(
      { email: values.email, role: values.role as Role, password: values.password, name: values.name },
      { actor: cliActor },
    );
    console.log(`Created ${user.role} ${user.email} (${user.id})`);
    if (generated) console.log(`Password: ${password}`);
    return 0;
  }),
  "apikey create": withDb(async (args) => {
    const { values } = parseArgs({ args, options: { name: { type: "string" }, scope: { type: "string" } } });
    if (!values.name || !values.scope) return usage("apikey create needs --name and --scope");
    if (!API_KEY_SCOPES.includes(values.scope as ApiKeyScope)) return usage(`--scope must be one of ${API_KEY_SCOPES.join(", ")}`);
    const { apiKey, key } = await createApiKey({ name: values.name, scope: values.scope as ApiKeyScope }, { actor: cliActor });
    console.error(`Created ${apiKey.scope} API key "${apiKey.name}" (${apiKey.id}). It is shown once; store it now:`);
    console.log(key);
    return 0;
  }),
  "apikey list": withDb(async () => {
    const keys = await listApiKeys({}, { actor: cliActor });
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt}` : "active";
      console.log(`${k.id}  ${k.display}  ${k.scope.padEnd(7)}  ${state.padEnd(10)}  ${k.name}`);
    }
    if (!keys.length) console.log("No API keys.");
    return 0;
  }),
  "apikey revoke": withDb(async (args) => {
    const id = args[0];
    if (!id) return usage("apikey revoke needs the key's ID (see apikey list)");
    await revokeApiKey({ id }, { actor: cliActor });
    console.log(`Revoked ${id}`);
    return 0;
  }),
  import: withDb(async (args) => (await import("./commands/import")).importCommand(args)),
  "rules import": withDb(async (args) => (await import("./commands/rules-import")).rulesImportCommand(args, cliActor)),
  "rules enable": withDb(async (args) => setEnabled(args, true)),
  "rules disable": withDb(async (args) => setEnabled(args, false)),
  eql: async (args) => {
    const { eqlCommand, setEqlRuleResolver } = await import("./commands/eql");
    setEqlRuleResolver(async (ref) => (await import("../rules/resolve-rule-query")).resolveRuleQuery(ref));
    return eqlCommand(args);
  },
};

async function setEnabled(args: string[], enabled: boolean): Promise<number> {
  if (!args[0]) return usage(`rules ${enabled ? "enable" : "disable"} needs a rule_id`);
  const { setRuleEnabled } = await import("../rules/rule-actions");
  const r = await setRuleEnabled({ ruleId: args[0], enabled }, { actor: cliActor, ip: null });
  console.log(`${enabled ? "Enabled" : "Disabled"} ${r.ruleId}${r.startSeq && enabled ? ` (evaluates events after ingest sequence ${r.startSeq})` : ""}`);
  return 0;
}

function withDb(fn: Command): Command {
  return async (args) => {
    const handle = await openDatabase({ log: (m) => console.error(m) });
    const interrupted = async () => {
      await handle.stop().catch(() => undefined);
      process.exit(130);
    };
    process.once("SIGINT", interrupted);
    process.once("SIGTERM", interrupted);
    try {
      return await fn(args);
    } finally {
      await closeDb();
      await handle.stop();
    }
  };
}

function usage(message?: string): number {
  if (message) console.error(`Error: ${message}`);
  console.error(USAGE);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const two = argv.slice(0, 2).join(" ");
  if (commands[two]) return commands[two](argv.slice(2));
  if (argv[0] && commands[argv[0]]) return commands[argv[0]](argv.slice(1));
  return usage(argv.length ? `Unknown command: ${argv.join(" ")}` : undefined);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
