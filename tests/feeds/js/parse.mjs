// Parse iCalendar files with ical.js and print what it understood, as JSON, for the Python tests.
// Usage: node parse.mjs FILE...   Exit status 1 (with the message on stderr) if a file does not parse.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const MAX_OCCURRENCES = 1000;

function when(time) {
  // All-day as YYYY-MM-DD; timed as UTC, so both parsers can be compared without a time zone library.
  if (time.isDate) return time.toString();
  return time.convertToZone(ICAL.Timezone.utcTimezone).toString();
}

function summarise(path) {
  const text = readFileSync(path, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.name !== "vcalendar") throw new Error(`${path}: top component is ${calendar.name}`);
  const timezones = calendar.getAllSubcomponents("vtimezone");
  for (const vtimezone of timezones) ICAL.TimezoneService.register(vtimezone);
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const starts = [];
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(); next && starts.length < MAX_OCCURRENCES; next = iterator.next()) {
        starts.push(when(next));
      }
    } else {
      starts.push(when(event.startDate));
    }
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      sequence: event.sequence,
      start: when(event.startDate),
      end: event.endDate ? when(event.endDate) : null,
      tzid: event.startDate.isDate ? null : event.startDate.zone.tzid,
      starts,
    };
  });
  return {
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    description: calendar.getFirstPropertyValue("x-wr-caldesc"),
    timezones: timezones.map((tz) => tz.getFirstPropertyValue("tzid")),
    events,
  };
}

const result = {};
try {
  for (const path of process.argv.slice(2)) result[path] = summarise(path);
} catch (error) {
  process.stderr.write(`ical.js: ${error.message}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(result));
