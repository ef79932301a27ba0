"""SYNTHETIC partner files for the demo: Bedfordshire's fire and council incident data are not
public, so the demo makes a fire and rescue export in the real London Fire Brigade column
layout (../shared/data/fire/lfb_incident_sample) and a council ASB log, inside Bedfordshire.

Seeded, so every run writes the same files. Every record says it is synthetic: file names
start with SYNTHETIC_, ids start with SYN-, and the ASB log's notes say so. Locations are
real public places: police.uk's anonymous snap points in Bedfordshire (each covers at least
eight addresses), moved a few metres. A few rows carry the faults real exports have (a
repeated incident number, an impossible date, an unknown label), so the demo shows them
being quarantined.

    .venv/bin/python scripts/synthetic_partner_data.py OUT_DIR
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
STREET = DATA / "police_uk" / "bedfordshire" / "street"
LFB_SAMPLE = DATA / "fire" / "lfb_incident_sample" / "LFB Incident data.csv"
FIRST_DAY, LAST_DAY = dt.date(2021, 5, 1), dt.date(2023, 4, 30)
SEED = 20260401
BOROUGHS = {"Luton": "E06000032", "Bedford": "E06000055",
            "Central Bedfordshire": "E06000056"}
STATIONS = {"Luton": "Luton", "Bedford": "Bedford", "Central Bedfordshire": "Dunstable"}
FIRE_FILE = "SYNTHETIC_bedfordshire_fire_incidents.csv"
ASB_FILE = "SYNTHETIC_luton_council_asb_log.csv"
# (incident group, stop code, special service type, property category, property type, share)
FIRE_KINDS = (
    ("Fire", "Primary Fire", "", "Dwelling", "House - single occupancy", 0.08),
    ("Fire", "Primary Fire", "", "Road Vehicle", "Car", 0.06),
    ("Fire", "Primary Fire", "", "Non Residential", "Retail premises", 0.03),
    ("Fire", "Secondary Fire", "", "Outdoor", "Loose refuse", 0.16),
    ("Fire", "Secondary Fire", "", "Outdoor", "Grassland, pasture, grazing etc", 0.08),
    ("Fire", "Chimney Fire", "", "Dwelling", "House - single occupancy", 0.01),
    ("False Alarm", "AFA", "", "Non Residential", "Hospital", 0.18),
    ("False Alarm", "False alarm - Good intent", "", "Dwelling", "Purpose Built Flats", 0.11),
    ("False Alarm", "False alarm - Malicious", "", "Outdoor", "Telephone box", 0.02),
    ("Special Service", "Special Service", "RTC", "Road Vehicle", "Car", 0.10),
    ("Special Service", "Special Service", "Flooding", "Dwelling", "Purpose Built Flats", 0.05),
    ("Special Service", "Special Service", "Effecting entry/exit", "Dwelling",
     "House - single occupancy", 0.06),
    ("Special Service", "Special Service", "Lift Release", "Non Residential", "Offices", 0.03),
    ("Special Service", "Special Service", "Animal assistance incidents", "Outdoor",
     "Domestic garden (vegetation not equipment)", 0.03))
ASB_TYPES = (("Noise", 0.3), ("Rowdy behaviour", 0.2), ("Nuisance neighbours", 0.15),
             ("Fly-tipping", 0.15), ("Harassment", 0.08), ("Street drinking", 0.07),
             ("Graffiti", 0.05))


def snap_points() -> dict[str, np.ndarray]:
    """Bedfordshire's police.uk snap points in BNG, by local authority."""
    from pyproj import Transformer

    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    seen: dict[str, set] = {name: set() for name in BOROUGHS}
    for path in sorted(STREET.glob("*-bedfordshire-street.csv"))[:6]:
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                borough = row["LSOA name"].rsplit(" ", 1)[0]
                if borough in seen and row["Longitude"]:
                    seen[borough].add((float(row["Longitude"]), float(row["Latitude"])))
    points = {}
    for borough, lonlat in seen.items():
        lon, lat = np.array(sorted(lonlat)).T
        x, y = to_bng.transform(lon, lat)
        points[borough] = np.column_stack([x, y])
    return points


def _days(rng: np.random.Generator, n: int, summer_weight: float) -> list[dt.date]:
    """Dates over the two years, busier in summer by ``summer_weight``."""
    span = (LAST_DAY - FIRST_DAY).days + 1
    day = np.arange(span)
    month = np.array([(FIRST_DAY + dt.timedelta(int(d))).month for d in day])
    weight = 1 + summer_weight * np.isin(month, (5, 6, 7, 8))
    chosen = rng.choice(span, size=n, p=weight / weight.sum())
    return [FIRST_DAY + dt.timedelta(int(d)) for d in np.sort(chosen)]


def _seconds(rng: np.random.Generator, n: int, evening: float) -> np.ndarray:
    """Seconds after midnight, with a peak around 19:00 of strength ``evening``."""
    flat = rng.uniform(0, 86_400, n)
    peak = rng.normal(19 * 3600, 2.5 * 3600, n) % 86_400
    return np.where(rng.random(n) < evening, peak, flat).astype(int)


def fire_export(out_dir: Path, n: int = 8000) -> Path:
    """A fire and rescue incident export with LFB's 39 columns, in Bedfordshire."""
    rng = np.random.default_rng(SEED)
    points = snap_points()
    with open(LFB_SAMPLE, newline="", encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    kinds = np.array([k[5] for k in FIRE_KINDS])
    kind_of = rng.choice(len(FIRE_KINDS), size=n, p=kinds / kinds.sum())
    days = _days(rng, n, summer_weight=0.6)
    seconds = _seconds(rng, n, evening=0.4)
    boroughs = rng.choice(list(BOROUGHS), size=n, p=[0.4, 0.25, 0.35])
    path = out_dir / FIRE_FILE
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i in range(n):
            group, stop, special, category, prop, _ = FIRE_KINDS[kind_of[i]]
            borough = str(boroughs[i])
            pool = points[borough]
            x, y = pool[rng.integers(len(pool))] + rng.normal(0, 15, 2)
            when = dt.datetime.combine(days[i], dt.time()) + dt.timedelta(seconds=int(seconds[i]))
            dwelling = category == "Dwelling"  # LFB publishes dwellings 50 m rounded only
            pumps = int(rng.integers(1, 4))
            row = {
                "IncidentNumber": f"SYN-{100000 + i}", "DateOfCall": when.strftime("%d %b %Y"),
                "CalYear": when.year, "TimeOfCall": when.strftime("%H:%M:%S"),
                "HourOfCall": when.hour, "IncidentGroup": group, "StopCodeDescription": stop,
                "SpecialServiceType": special, "PropertyCategory": category,
                "PropertyType": prop, "AddressQualifier": "Within same building"
                if category in ("Dwelling", "Non Residential") else "In street close to "
                "gazetteer location", "Postcode_full": "", "Postcode_district": "",
                "UPRN": "", "USRN": "", "IncGeo_BoroughCode": BOROUGHS[borough],
                "IncGeo_BoroughName": borough.upper(), "ProperCase": borough,
                "IncGeo_WardCode": "", "IncGeo_WardName": "", "IncGeo_WardNameNew": "",
                "Easting_m": "" if dwelling else f"{x:.1f}",
                "Northing_m": "" if dwelling else f"{y:.1f}",
                "Easting_rounded": int(round(x / 50) * 50),
                "Northing_rounded": int(round(y / 50) * 50),
                "Latitude": "", "Longitude": "", "FRS": "Bedfordshire (SYNTHETIC)",
                "IncidentStationGround": STATIONS[borough],
                "FirstPumpArriving_AttendanceTime": int(rng.integers(180, 900)),
                "FirstPumpArriving_DeployedFromStation": STATIONS[borough],
                "SecondPumpArriving_AttendanceTime": "", "SecondPumpArriving_DeployedFromStation":
                "", "NumStationsWithPumpsAttending": 1, "NumPumpsAttending": pumps,
                "PumpCount": pumps, "PumpMinutesRounded": 60 * pumps,
                "Notional Cost (£)": 364 * pumps, "NumCalls": 1}
            writer.writerow([row.get(h, "") for h in header])
        # the faults of real exports, for the quarantine: a repeated incident number, an
        # impossible date, a stop code the crosswalk does not know
        writer.writerow([{"IncidentNumber": "SYN-100000", "DateOfCall": "02 Jun 2022",
                          "TimeOfCall": "10:00:00", "IncidentGroup": "Fire",
                          "StopCodeDescription": "Secondary Fire", "Easting_rounded": 509000,
                          "Northing_rounded": 221000}.get(h, "") for h in header])
        writer.writerow([{"IncidentNumber": "SYN-900001", "DateOfCall": "31 Feb 2022",
                          "TimeOfCall": "10:00:00", "IncidentGroup": "Fire",
                          "StopCodeDescription": "Secondary Fire", "Easting_rounded": 509000,
                          "Northing_rounded": 221000}.get(h, "") for h in header])
        writer.writerow([{"IncidentNumber": "SYN-900002", "DateOfCall": "03 Jun 2022",
                          "TimeOfCall": "10:00:00", "IncidentGroup": "Other",
                          "StopCodeDescription": "Controlled burn", "Easting_rounded": 509000,
                          "Northing_rounded": 221000}.get(h, "") for h in header])
    return path


def problem_hub() -> tuple[float, float]:
    """Where the council log's growing problem is: one of Luton's snap points."""
    pool = snap_points()["Luton"]
    x, y = pool[len(pool) // 2]
    return float(x), float(y)


def council_asb_log(out_dir: Path, n: int = 3000) -> Path:
    """Luton council's ASB log (council_asb_log profile), with a street-drinking and rowdy
    behaviour problem that grows in one neighbourhood from summer 2022."""
    rng = np.random.default_rng(SEED + 1)
    pool = snap_points()["Luton"]
    types = np.array([t[1] for t in ASB_TYPES])
    kind_of = rng.choice(len(ASB_TYPES), size=n, p=types / types.sum())
    days = _days(rng, n, summer_weight=0.4)
    seconds = _seconds(rng, n, evening=0.6)
    hub = np.array(problem_hub())
    path = out_dir / ASB_FILE
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Reference", "ASB type", "Date from", "Time from", "Date to",
                         "Time to", "Easting", "Northing", "Address", "Ward code", "Notes"])
        for i in range(n):
            kind = ASB_TYPES[kind_of[i]][0]
            x, y = pool[rng.integers(len(pool))] + rng.normal(0, 10, 2)
            start = dt.datetime.combine(days[i], dt.time()) + dt.timedelta(seconds=int(seconds[i]))
            end = start + dt.timedelta(minutes=int(rng.integers(10, 180)))
            writer.writerow([f"SYN-ASB-{i + 1:05d}", kind, start.strftime("%d/%m/%Y"),
                             start.strftime("%H:%M"), end.strftime("%d/%m/%Y"),
                             end.strftime("%H:%M"), f"{x:.0f}", f"{y:.0f}",
                             f"SYNTHETIC address {i + 1}, Luton", "",
                             "SYNTHETIC record for the SCRIBE demo"])
        # the growing problem: more reports each month near one place from June 2022
        k = n
        for month in range(14, 24):
            first = dt.date(2021 + (4 + month) // 12, (4 + month) % 12 + 1, 1)
            for _ in range(4 * (month - 12)):
                k += 1
                x, y = hub + rng.normal(0, 60, 2)
                start = dt.datetime.combine(first, dt.time(21)) + dt.timedelta(
                    days=int(rng.integers(0, 28)), minutes=int(rng.integers(0, 180)))
                writer.writerow([f"SYN-ASB-{k:05d}", rng.choice(["Street drinking",
                                                                 "Rowdy behaviour"]),
                                 start.strftime("%d/%m/%Y"), start.strftime("%H:%M"),
                                 start.strftime("%d/%m/%Y"), "23:59", f"{x:.0f}", f"{y:.0f}",
                                 f"SYNTHETIC address {k}, Luton", "",
                                 "SYNTHETIC record for the SCRIBE demo"])
        writer.writerow(["SYN-ASB-90001", "Parking dispute", "01/06/2022", "10:00",
                         "01/06/2022", "11:00", "509000", "221000", "", "", "SYNTHETIC"])
        writer.writerow(["SYN-ASB-90002", "Noise", "01/06/2099", "10:00", "01/06/2099",
                         "11:00", "509000", "221000", "", "", "SYNTHETIC"])
    return path


def main(out_dir: str) -> int:
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for path in (fire_export(folder), council_asb_log(folder)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
