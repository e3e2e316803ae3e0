export { generateScenario, DEFAULT_SEED, type DemoScenario } from "./generate-scenario";
export { HOSTS, hostByName, type DemoHost } from "./hosts";
export type { EcsDoc } from "./event-factory";
export { ADMIN_USER, JUMP_HOST } from "./scenarios/admin-remoting";
export { C2_IP, FOOTHOLD, STOLEN_ACCOUNT, XSS_COMMAND_LINE } from "./scenarios/intruder";
export { MONITORING_HOST } from "./scenarios/monitoring-probes";
