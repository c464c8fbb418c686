"""Places that editors write as a time zone and that have no IANA zone of their
own: capitals and large cities whose clocks are another city's. The IANA
database names one city per zone (Asia/Dubai, not Abu Dhabi; Asia/Kolkata, not New
Delhi), so a name spelt right but missing is suggested by place, not by spelling
(Asia/Abu_Dhabi is not Asia/Dushanbe, in Tajikistan)."""

from __future__ import annotations

# The city as a zone name writes it (spaces as underscores), and the zone whose
# clocks it keeps.
ZONE_OF_PLACE = {
    "Abu_Dhabi": "Asia/Dubai", "Abuja": "Africa/Lagos", "Addis_Abeba": "Africa/Addis_Ababa",
    "Alexandria": "Africa/Cairo", "Ankara": "Europe/Istanbul", "Astana": "Asia/Almaty",
    "Atlanta": "America/New_York", "Barcelona": "Europe/Madrid", "Beijing": "Asia/Shanghai",
    "Bern": "Europe/Zurich", "Bombay": "Asia/Kolkata", "Boston": "America/New_York",
    "Brasilia": "America/Sao_Paulo", "Canton": "Asia/Shanghai", "Chennai": "Asia/Kolkata",
    "Dallas": "America/Chicago", "Delhi": "Asia/Kolkata", "Doha": "Asia/Qatar",
    "Frankfurt": "Europe/Berlin", "Geneva": "Europe/Zurich", "Geneve": "Europe/Zurich",
    "Guangzhou": "Asia/Shanghai", "Hamburg": "Europe/Berlin", "Hanoi": "Asia/Bangkok",
    "Houston": "America/Chicago", "Islamabad": "Asia/Karachi", "Jeddah": "Asia/Riyadh",
    "Kyoto": "Asia/Tokyo", "Lahore": "Asia/Karachi", "Manama": "Asia/Bahrain",
    "Marrakesh": "Africa/Casablanca", "Mecca": "Asia/Riyadh", "Miami": "America/New_York",
    "Milan": "Europe/Rome", "Mumbai": "Asia/Kolkata", "Munich": "Europe/Berlin",
    "Naypyidaw": "Asia/Yangon", "New_Delhi": "Asia/Kolkata", "Osaka": "Asia/Tokyo",
    "Ottawa": "America/Toronto", "Peking": "Asia/Shanghai", "Philadelphia": "America/New_York",
    "Pretoria": "Africa/Johannesburg", "Rabat": "Africa/Casablanca", "Rio": "America/Sao_Paulo",
    "Rio_de_Janeiro": "America/Sao_Paulo", "Saint_Petersburg": "Europe/Moscow",
    "San_Diego": "America/Los_Angeles", "San_Francisco": "America/Los_Angeles",
    "Seattle": "America/Los_Angeles", "Shenzhen": "Asia/Shanghai",
    "St_Petersburg": "Europe/Moscow", "Sydney_Australia": "Australia/Sydney",
    "Washington": "America/New_York", "Washington_DC": "America/New_York",
    "Wellington": "Pacific/Auckland",
}  # fmt: skip


def zone_of_place(name: str) -> str | None:
    """The zone a place written as a zone name keeps ("Asia/Abu_Dhabi": Asia/Dubai)."""
    place = name.rsplit("/", 1)[-1].strip().replace(" ", "_").replace(".", "")
    found = {k.lower(): v for k, v in ZONE_OF_PLACE.items()}
    return found.get(place.lower())
