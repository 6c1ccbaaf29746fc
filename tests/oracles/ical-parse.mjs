// Parses iCalendar files with the npm ical.js package, an independent reader of what PeerBot's invites say.
// Usage: node tests/oracles/ical-parse.mjs < cases.json
//   stdin:  [{ "ics": "BEGIN:VCALENDAR..." }, ...]
//   stdout: [{ "method": "REQUEST", "uid": "...", "sequence": 0, "status": "CONFIRMED", "startUtc": "2026-03-09T14:30:00.000Z",
//              "endUtc": "...", "organizer": "mailto:...", "attendees": ["mailto:..."], "location": "...", "description": "..." }
//            | { "error": "..." }, ...]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { default: ICAL } = await import(pathToFileURL(path.join(here, '..', '..', 'tools', 'node_modules', 'ical.js', 'dist', 'ical.js')).href);

const cases = JSON.parse(readFileSync(0, 'utf8'));
const results = cases.map(({ ics }) => {
  try {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const vevent = calendar.getFirstSubcomponent('vevent');
    const event = new ICAL.Event(vevent);
    return {
      method: calendar.getFirstPropertyValue('method'),
      uid: event.uid,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue('status'),
      startUtc: event.startDate.toJSDate().toISOString(),
      endUtc: event.endDate.toJSDate().toISOString(),
      startIsUtc: event.startDate.zone === ICAL.Timezone.utcTimezone,
      organizer: event.organizer,
      attendees: event.attendees.map((a) => a.getFirstValue()),
      location: event.location,
      description: event.description,
    };
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
});
process.stdout.write(JSON.stringify(results));
