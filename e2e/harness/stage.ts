import type { Browser, BrowserContextOptions } from 'playwright-core';
import { describeConsoles, newPerson, type Person } from './browser.js';
import { expectFramesAdvancing } from './media.js';
import type { RunningServer } from './server.js';
import { joinAndEnter } from './ui.js';

/**
 * The people of one test, on one browser and one server: created on demand, all closed
 * afterwards, and described (their consoles, the server's log) when a test fails.
 */
export class Stage {
  private readonly people: Person[] = [];

  constructor(
    private readonly browser: () => Browser,
    private readonly server: () => RunningServer,
  ) {}

  get url(): string {
    return this.server().url;
  }

  async person(name: string, options: BrowserContextOptions = {}): Promise<Person> {
    const person = await newPerson(this.browser(), name, options);
    this.people.push(person);
    return person;
  }

  /** A new person who joins `room` through the lobby (at `baseUrl`, the server by default) and is in the room view. */
  async enter(name: string, room: string, baseUrl = this.url): Promise<Person> {
    const person = await this.person(name);
    await joinAndEnter(person.page, baseUrl, room, name);
    return person;
  }

  /** ann and bob in `room`, each decoding the other's video. */
  async pair(room: string): Promise<[ann: Person, bob: Person]> {
    const ann = await this.enter('ann', room);
    const bob = await this.enter('bob', room);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
    return [ann, bob];
  }

  /** Closes everyone created so far. */
  async closeAll(): Promise<void> {
    const people = this.people.splice(0);
    await Promise.all(people.map((person) => person.close()));
  }

  /** Everything useful after a failure: each browser console, then the server's last log lines. */
  diagnostics(): string {
    let serverLog = '(no server)';
    try {
      serverLog = this.server().logTail(60);
    } catch {
      // The server never started: say so rather than fail again.
    }
    return `--- browser consoles ---\n${describeConsoles(this.people)}\n--- server log ---\n${serverLog}`;
  }
}
