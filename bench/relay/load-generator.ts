import { parseArgs } from 'node:util';
import { runIdleScenario } from './idle-scenario.js';
import { runRelayScenario } from './relay-scenario.js';
import { RESULT_PREFIX, type Scenario, type ScenarioResult } from './scenario.js';

/**
 * The load generator, run by main.ts as its own process on its own CPU:
 *   node --import tsx bench/relay/load-generator.ts --scenario '<json>'
 * It runs one scenario against one server, prints `RESULT <json>` on stdout and exits; the
 * kernel closes its sockets. Progress and errors go to stderr.
 */

function readScenario(): Scenario {
  const { values } = parseArgs({ options: { scenario: { type: 'string' } } });
  if (!values.scenario) throw new Error('usage: load-generator.ts --scenario <json>');
  const scenario = JSON.parse(values.scenario) as Scenario;
  if (scenario.kind !== 'relay' && scenario.kind !== 'idle') throw new Error(`unknown scenario kind in ${values.scenario}`);
  return scenario;
}

async function main(): Promise<void> {
  const scenario = readScenario();
  const result: ScenarioResult = scenario.kind === 'relay' ? await runRelayScenario(scenario) : await runIdleScenario(scenario);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
