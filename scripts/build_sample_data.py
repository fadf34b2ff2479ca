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


LEGAL_BASIS_HEADER = ["year", "law", "decree", "home_affairs_circular", "sector_circular", "ministry_vi",
                      "ministry_en", "reading_office_vi", "pack", "confirmed", "source"]
_MIC = ("Bộ Thông tin và Truyền thông", "Ministry of Information and Communications")
_MOST = ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology")
_SINCE = "SINCE_2025.md §2 (table of the law of each year; no address given for the years before 2025)"
_SOURCES_2025 = ("NĐ 152: https://baomoi.net.vn/phan-cap-phan-quyen-trong-linh-vuc-thi-dua-khen-thuong-c52500550.epi ; "
                 "TT 15/2025: https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Thong-tu-15-2025-TT-BNV-bien-phap-"
                 "to-chuc-Luat-Thi-dua-khen-thuong-va-Nghi-dinh-152-2025-ND-C%D0%A0-668075.aspx ; TT 25/2025: "
                 "https://thuviennhadat.vn/vbpl/thong-tu-25-2025-tt-bkhcn-huong-dan-luat-thi-dua-khen-thuong-doi-voi-"
                 "nganh-khoa-hoc-cong-nghe-680117.html")
_LAW_2025 = ("Luật Thi đua, khen thưởng năm 2022", "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ",
             "Thông tư số 15/2025/TT-BNV ngày 04/8/2025 của Bộ trưởng Bộ Nội vụ",
             "Thông tư số 25/2025/TT-BKHCN ngày 31/10/2025 của Bộ trưởng Bộ Khoa học và Công nghệ hướng dẫn Luật Thi "
             "đua, khen thưởng đối với ngành khoa học và công nghệ")


def legal_basis_rows() -> list[list]:
    """The law of each year (SINCE_2025.md §2). Only 2025 is marked confirmed: its three texts were seen at the
    addresses given; the earlier rows come from the table without an address, and 2026 is 2025's carried forward
    (no later text found), so the administrator confirms them."""
    rows = []
    for year in range(2019, 2024):
        rows.append([year, "", "Nghị định số 91/2017/NĐ-CP của Chính phủ", "Thông tư số 12/2019/TT-BNV của Bộ "
                     "trưởng Bộ Nội vụ", "Thông tư số 09/2018/TT-BTTTT của Bộ trưởng Bộ Thông tin và Truyền thông",
                     *_MIC, "Vụ Tổ chức cán bộ", "so_tttt", 0, _SINCE])
    rows.append([2024, "Luật Thi đua, khen thưởng năm 2022", "Nghị định số 98/2023/NĐ-CP của Chính phủ",
                 "Thông tư số 01/2024/TT-BNV của Bộ trưởng Bộ Nội vụ",
                 "Thông tư số 17/2024/TT-BTTTT của Bộ trưởng Bộ Thông tin và Truyền thông", *_MIC, "Vụ Tổ chức cán bộ",
                 "so_tttt", 0, _SINCE])
    rows.append([2025, *_LAW_2025, *_MOST, "Vụ Tổ chức cán bộ", "so_khcn", 1, _SOURCES_2025])
    rows.append([2026, *_LAW_2025, *_MOST, "Vụ Tổ chức cán bộ", "so_khcn", 0,
                 "2025's carried forward, no later text found (SINCE_2025.md §2); " + _SOURCES_2025])
    return rows


# what a Sở KH&CN is ranked and reports on since 2025 (SINCE_2025.md §3): the PII (out of 63 until 2024, 34 from 2025)
# and the tasks of Nghị quyết 57-NQ/TW
INNOVATION_INDICATORS = [
    ("pii_rank", "innovation", "Xếp hạng chỉ số đổi mới sáng tạo cấp địa phương (PII)", "Provincial PII rank", "rank",
     "rank", "lower", 1, ""),
    ("pii_score", "innovation", "Điểm chỉ số đổi mới sáng tạo cấp địa phương (PII)", "Provincial PII score",
     "score 0-100", "score", "higher", 0, 100),
    ("nq57_tasks_assigned", "innovation", "Nhiệm vụ thực hiện Nghị quyết 57-NQ/TW được giao",
     "Resolution 57 tasks assigned", "tasks", "count", "higher", 0, ""),
    ("nq57_tasks_done", "innovation", "Nhiệm vụ Nghị quyết 57-NQ/TW đã hoàn thành", "Resolution 57 tasks done",
     "tasks", "count", "higher", 0, ""),
    ("nq57_tasks_on_time", "innovation", "Nhiệm vụ Nghị quyết 57-NQ/TW hoàn thành đúng hạn",
     "Resolution 57 tasks done on time", "tasks", "count", "higher", 0, ""),
]
EXTRA_FIGURES = ROOT / "scripts" / "sample_figures_since_2024.csv"


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
    # QĐ 1459/QĐ-BTTTT (2019) fixed the cluster; the 2025 mergers changed it. No public text gives the cluster of the
    # Sở KH&CN for 2025 and 2026 (SINCE_2025.md §1): those members are 2024's carried through the lineage (Tuyên
    # Quang for Hà Giang; Lào Cai for Lào Cai and Yên Bái), written as a proposal the administrator confirms
    carried = [PROVINCES[p] if p != "Hà Giang" else "tuyenquang" for p in PROVINCES]
    proposed_note = ("Đề xuất: thành viên năm 2024 theo kế thừa (Tuyên Quang thay Hà Giang; Lào Cai gồm Lào Cai và "
                     "Yên Bái); chưa tìm thấy quyết định phân cụm của Bộ Khoa học và Công nghệ")
    memberships = [["cum2", code, y, "QĐ 1459/QĐ-BTTTT (2019), DOMAIN.md"] for y in range(2019, 2025)
                   for code in PROVINCES.values()]
    memberships += [["cum2", code, y, "lineage.csv (đề xuất, chưa xác nhận)"] for y in (2025, 2026)
                    for code in carried]
    write("memberships.csv", ["cluster_code", "unit_code", "year", "source"], memberships)
    write("membership_proposals.csv", ["cluster_code", "year", "note", "source"],
          [["cum2", y, proposed_note, "SINCE_2025.md §1 (not found: the Bộ KH&CN's cluster list)"]
           for y in (2025, 2026)])
    # themes only where a source gives them; 2024-2026 have none found (missing, not invented)
    write("emulation_years.csv",
          ["cluster_code", "year", "theme", "chair_unit", "vice_chair_unit", "entry_deadline", "state", "source"],
          [["cum2", 2022, "Ngành thông tin và truyền thông thi đua đổi mới, sáng tạo, đi đầu thực hiện chuyển đổi số "
            "để phát triển bền vững", "", "", "", "closed", "003_39ee671c0e82a7fa.txt"],
           ["cum2", 2023, "Toàn Ngành Thông tin và Truyền thông tiếp tục thi đua đổi mới, sáng tạo, đi đầu thực hiện "
            "chuyển đổi số để phát triển bền vững", "", "", "", "closed", "000_b8e8efed6c682ac7.txt"],
           ["cum2", 2024, "", "", "", "", "closed", "not found: theme, chair and result of 2024"],
           ["cum2", 2025, "", "", "", "", "closed", "not found: theme, chair and result of 2025 (SINCE_2025.md §1)"],
           ["cum2", 2026, "", "", "", "", "open", "SINCE_2025.md §4: 2026 reviewed December 2026 - January 2027"]])
    write("legal_basis.csv", LEGAL_BASIS_HEADER, legal_basis_rows())

    with open(domain / "indicators.csv", encoding="utf-8") as f:
        indicators = list(csv.DictReader(f))
    rows = []
    for i, ind in enumerate(indicators):
        rows.append([ind["code"], ind["field"], ind["name_vi"], ind["name_en"], ind["unit"], ind["kind"],
                     ind["better"], ind["min"], ind["max"], (i + 1) * 10])
        if ind["code"] == "dti_rank":
            for j, (code, field, vi, en) in enumerate(PILLAR_INDICATORS):
                rows.append([code, field, vi, en, "rank", "rank", "lower", 1, "", (i + 1) * 10 + j + 1])
    for j, ind in enumerate(INNOVATION_INDICATORS):
        rows.append([*ind, (len(indicators) + 1) * 10 + j])
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
    everyone = {**PROVINCES, **SUCCESSOR_PROVINCES}
    with open(EXTRA_FIGURES, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            values.append([everyone[r["province"]], r["year"], r["indicator_code"], r["value"], r["numerator"],
                           r["denominator"], r["ranked_of"], r["source"], r["note"]])
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
        ["nq57_done_le_assigned", "nq57_tasks_done", "<=", "nq57_tasks_assigned",
         "Số nhiệm vụ Nghị quyết 57 đã hoàn thành không được vượt số nhiệm vụ được giao",
         "Resolution 57 tasks done cannot exceed the tasks assigned"],
        ["nq57_on_time_le_done", "nq57_tasks_on_time", "<=", "nq57_tasks_done",
         "Số nhiệm vụ Nghị quyết 57 hoàn thành đúng hạn không được vượt số nhiệm vụ đã hoàn thành",
         "Resolution 57 tasks done on time cannot exceed the tasks done"],
    ])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "domain")
