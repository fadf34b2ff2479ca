"""Rebuild sample_data/*.csv from ../shared/domain/ (the figures taken from the seed documents and public DTI ranks).

Run from the project root: python scripts/build_sample_data.py [path/to/shared/domain]
Nothing is invented: a figure that is not in the sources has no row.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sample_data"

PROVINCES = {
    "Sơn La": "sonla",
    "Lai Châu": "laichau",
    "Điện Biên": "dienbien",
    "Lào Cai": "laocai",
    "Hà Giang": "hagiang",
    "Cao Bằng": "caobang",
    "Lạng Sơn": "langson",
}
ASCII = {"Sơn La": "Son La", "Lai Châu": "Lai Chau", "Điện Biên": "Dien Bien", "Lào Cai": "Lao Cai",
         "Hà Giang": "Ha Giang", "Cao Bằng": "Cao Bang", "Lạng Sơn": "Lang Son", "Tuyên Quang": "Tuyen Quang",
         "Yên Bái": "Yen Bai"}
# the provinces that absorbed a member on 01/07/2025 (Nghị quyết 60-NQ/TW); they belonged to another cluster, whose
# number no public text gives, so they have no membership here
SUCCESSOR_PROVINCES = {"Tuyên Quang": "tuyenquang", "Yên Bái": "yenbai"}
MERGERS_2025 = [("hagiang", "tuyenquang", "tỉnh Hà Giang hợp nhất vào tỉnh Tuyên Quang"),
                ("yenbai", "laocai", "tỉnh Yên Bái hợp nhất vào tỉnh Lào Cai")]
PILLAR_CODES = {
    "overall": "dti_rank",
    "digital_government": "dti_rank_digital_government",
    "digital_economy": "dti_rank_digital_economy",
    "digital_society": "dti_rank_digital_society",
}
PILLAR_INDICATORS = [
    ("dti_rank_digital_government", "digital", "Xếp hạng DTI: chính quyền số", "DTI rank: digital government"),
    ("dti_rank_digital_economy", "digital", "Xếp hạng DTI: kinh tế số", "DTI rank: digital economy"),
    ("dti_rank_digital_society", "digital", "Xếp hạng DTI: xã hội số", "DTI rank: digital society"),
]


def write(name: str, header: list[str], rows: list[list]) -> None:
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(domain: Path) -> None:
    OUT.mkdir(exist_ok=True)
    write("clusters.csv", ["code", "name_vi", "name_en"], [["cum2", "Cụm thi đua số 2", "Emulation Cluster No. 2"]])
    # Sở TT&TT names until the merger into the Sở Khoa học và Công nghệ on 01/03/2025; the units merged away on
    # 01/07/2025 keep their last name until 30/06/2025
    units, lineage = [], []
    merged_away = {old for old, _, _ in MERGERS_2025}
    for p, code in {**PROVINCES, **SUCCESSOR_PROVINCES}.items():
        units.append([code, p, "so_tttt", f"Sở Thông tin và Truyền thông {p}",
                      f"{ASCII[p]} Department of Information and Communications", "", "2025-02-28"])
        units.append([code, p, "so_khcn", f"Sở Khoa học và Công nghệ {p}",
                      f"{ASCII[p]} Department of Science and Technology", "2025-03-01",
                      "2025-06-30" if code in merged_away else ""])
        lineage.append([code, "renamed", "2025-03-01", "",
                        "Sở Thông tin và Truyền thông hợp nhất vào Sở Khoa học và Công nghệ của tỉnh (01/03/2025)"])
    for old, new, note in MERGERS_2025:
        lineage.append([old, "merged_into", "2025-07-01", new, f"Nghị quyết 60-NQ/TW: {note} (01/07/2025)"])
    write("units.csv", ["code", "province", "kind", "name_vi", "name_en", "valid_from", "valid_to"], units)
    write("lineage.csv", ["unit_code", "kind", "effective_on", "successor_code", "note"], lineage)
    # QĐ 1459/QĐ-BTTTT (2019) fixed the cluster; the 2025 mergers changed it
    write("memberships.csv", ["cluster_code", "unit_code", "year"],
          [["cum2", code, y] for y in range(2019, 2025) for code in PROVINCES.values()])
    write("emulation_years.csv",
          ["cluster_code", "year", "theme", "chair_unit", "vice_chair_unit", "entry_deadline", "state"],
          [["cum2", 2022, "Ngành thông tin và truyền thông thi đua đổi mới, sáng tạo, đi đầu thực hiện chuyển đổi số "
            "để phát triển bền vững", "", "", "", "closed"],
           ["cum2", 2023, "Toàn Ngành Thông tin và Truyền thông tiếp tục thi đua đổi mới, sáng tạo, đi đầu thực hiện "
            "chuyển đổi số để phát triển bền vững", "", "", "", "open"]])

    with open(domain / "indicators.csv", encoding="utf-8") as f:
        indicators = list(csv.DictReader(f))
    rows = []
    for i, ind in enumerate(indicators):
        rows.append([ind["code"], ind["field"], ind["name_vi"], ind["name_en"], ind["unit"], ind["kind"],
                     ind["better"], ind["min"], ind["max"], (i + 1) * 10])
        if ind["code"] == "dti_rank":
            for j, (code, field, vi, en) in enumerate(PILLAR_INDICATORS):
                rows.append([code, field, vi, en, "rank", "rank", "lower", 1, "", (i + 1) * 10 + j + 1])
    write("indicators.csv", ["code", "field", "name_vi", "name_en", "unit", "kind", "better", "min", "max",
                             "sort_order"], rows)

    values = []
    with open(domain / "figures_2022.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            values.append([PROVINCES[r["province"]], r["year"], r["indicator_code"], r["value"], r["numerator"],
                           r["denominator"], "", r["source"], r["note"]])
    with open(domain / "dti_ranks.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            values.append([PROVINCES[r["province"]], r["year"], PILLAR_CODES[r["pillar"]], r["dti_rank"], "", "",
                           r["ranked_of"], r["source"], ""])
            if r["dti_score"]:
                values.append([PROVINCES[r["province"]], r["year"], "dti_score", r["dti_score"], "", "", "",
                               r["source"], ""])
    write("indicator_values.csv", ["unit_code", "year", "indicator_code", "value", "numerator", "denominator",
                                   "ranked_of", "source", "note"], values)

    totals, honours = [], []
    with open(domain / "cluster_2022.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["item"] == "leading_unit":
                honours.append(["cum2", r["year"], PROVINCES[r["value"]], "leading_unit", "Cờ thi đua của Bộ",
                                r["source"]])
            else:
                totals.append(["cum2", r["year"], r["item"], r["value"], r["source"]])
    write("cluster_totals.csv", ["cluster_code", "year", "item", "value", "source"], totals)
    write("honours.csv", ["cluster_code", "year", "unit_code", "honour", "proposed_award", "source"], honours)
    write("cross_field_rules.csv", ["code", "left_codes", "operator", "right_code", "message_vi", "message_en"], [
        ["dossiers_sum", "dossiers_early+dossiers_on_time+dossiers_late", "=", "dossiers_received",
         "Hồ sơ trước hạn + đúng hạn + quá hạn phải bằng số hồ sơ tiếp nhận",
         "Dossiers early + on time + late must equal dossiers received"],
        ["ldtt_le_staff", "staff_ldtt", "<=", "staff_total",
         "Số Lao động tiên tiến không được vượt tổng số công chức, viên chức, người lao động",
         "Staff titled Lao động tiên tiến cannot exceed total staff"],
        ["cstdcs_le_ldtt", "staff_cstdcs", "<=", "staff_ldtt",
         "Số Chiến sĩ thi đua cơ sở không được vượt số Lao động tiên tiến",
         "Staff titled Chiến sĩ thi đua cơ sở cannot exceed those titled Lao động tiên tiến"],
    ])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "domain")
