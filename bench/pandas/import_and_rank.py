"""The script an analyst would write for a quarter's returns: pandas + openpyxl.

Reads every workbook of a folder (the cover's region code and period, the indicator sheet's codes
and values), loads the values into a fresh SQLite database, ranks the county-level units of the
province on every indicator (competition rank, ties at the indicator's precision, direction as
catalogued) and stores the ranks. No validation. The end-to-end benchmark runs it beside the
product as a fresh process:

    /usr/bin/python3 bench/pandas/import_and_rank.py DIR DB INDICATORS.tsv REGIONS.tsv PERIOD

INDICATORS.tsv: code, direction (higher/lower), precision. REGIONS.tsv: code, level (city/county).
"""
import glob
import os
import sqlite3
import sys

import pandas as pd


def read_return(path):
    """Region, period and the (code, value) rows of one workbook."""
    sheets = pd.read_excel(path, sheet_name=[0, 1], header=None, engine="openpyxl")
    cover, values = sheets[0], sheets[1]
    fields = dict(zip(cover[1].astype(str), cover[2]))
    region, period = str(fields["Region code"]).strip(), str(fields["Period"]).strip()
    rows = values.iloc[5:, [1, 5]].dropna(subset=[1])
    rows.columns = ["indicator", "value"]
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    rows["region"], rows["period"] = region, period
    return rows


def main(folder, database, indicators_file, regions_file, period):
    facts = pd.concat([read_return(p) for p in sorted(glob.glob(os.path.join(folder, "*.xlsx")))], ignore_index=True)
    if os.path.exists(database):
        os.remove(database)
    with sqlite3.connect(database) as db:
        facts.to_sql("fact", db, index=False)
        indicators = pd.read_csv(indicators_file, sep="\t", dtype={"code": str})
        regions = pd.read_csv(regions_file, sep="\t", dtype={"code": str})
        current = pd.read_sql("SELECT region, indicator, value FROM fact WHERE period = ?", db, params=(period,))
        counties = current[current["region"].isin(regions.loc[regions["level"] == "county", "code"])]
        ranked = counties.merge(indicators, left_on="indicator", right_on="code")
        ranked["rounded"] = [round(v, p) for v, p in zip(ranked["value"], ranked["precision"])]
        ranked["key"] = ranked["rounded"].where(ranked["direction"] == "higher", -ranked["rounded"])
        ranked["rank"] = ranked.groupby("indicator")["key"].rank(method="min", ascending=False)
        ranked["peer_count"] = ranked.groupby("indicator")["key"].transform("count")
        ranked["missing"] = ranked.groupby("indicator")["key"].transform(lambda s: s.isna().sum())
        ranked[["indicator", "region", "value", "rounded", "rank", "peer_count", "missing"]].to_sql("ranking", db, index=False)
    print(f"{len(facts)} facts, {len(ranked)} ranks")


if __name__ == "__main__":
    main(*sys.argv[1:6])
