// Reads an iCalendar file with ical.js, as web calendars do, and prints each
// event's start and end (UTC instants, or dates for all-day events) as JSON.
// Only the file's own VTIMEZONEs are known: ical.js has no zone database.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const when = (time) =>
  time === null ? null : time.isDate ? time.toString() : time.toJSDate().toISOString();
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    allDay: event.startDate.isDate,
    start: when(event.startDate),
    end: component.hasProperty("dtend") ? when(event.endDate) : null,
    zone: event.startDate.zone ? event.startDate.zone.tzid : null,
  };
});
console.log(
  JSON.stringify({
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    description: calendar.getFirstPropertyValue("description"),
    events,
  }),
);
