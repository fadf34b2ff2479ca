"""The year's documents (Văn bản)."""

TEXTS = {
    "page.documents": ("Văn bản", "Documents"),
    "docs.year": ("Năm thi đua", "Emulation year"),
    "docs.kind": ("Văn bản", "Document"),
    "docs.kind.covenant": ("Giao ước thi đua", "Covenant"),
    "docs.kind.programme": ("Chương trình phát động", "Programme"),
    "docs.kind.report": ("Báo cáo tổng kết", "Review report"),
    "docs.kind.minutes": ("Biên bản kiểm phiếu", "Count minutes"),
    "docs.kind.meeting": ("Biên bản họp bình xét", "Review meeting minutes"),
    "docs.kind.proposal": ("Tờ trình đề nghị tặng Cờ", "Proposal for the flag"),
    "docs.building": ("Đang tạo văn bản…", "Writing the document…"),
    "docs.download_docx": ("Tải về DOCX (để sửa, ký, đóng dấu)", "Download DOCX (to edit, sign and stamp)"),
    "docs.download_pdf": ("Tải về PDF", "Download PDF"),
    "docs.preview": ("Xem trước văn bản", "Document preview"),
    "docs.texts": ("Nội dung do Cụm trưởng soạn cho năm {year}", "The chair's texts for {year}"),
    "docs.texts_help": ("Mỗi dòng một ý. Chỉ tiêu chương trình: dòng kết thúc bằng dấu hai chấm là tên lĩnh vực, các "
                        "dòng dưới là chỉ tiêu của lĩnh vực đó.",
                        "One item per line. Programme targets: a line ending with a colon names a field, the lines "
                        "under it are its targets."),
    "docs.text.covenant.commitments": ("Nội dung giao ước (mỗi dòng một cam kết)", "Covenant commitments (one per line)"),
    "docs.text.programme.targets": ("Chỉ tiêu theo lĩnh vực", "Targets per field"),
    "docs.text.report.direction": ("Phương hướng, nhiệm vụ năm sau", "Next year's direction"),
    "docs.text.minutes.counting_committee": ("Tổ kiểm phiếu (mỗi dòng: họ tên — chức vụ — đơn vị)",
                                             "Counting committee (one per line: name — position — unit)"),
    "docs.save_texts": ("Lưu nội dung", "Save the texts"),
    "docs.texts_saved": ("Đã lưu {n} nội dung.", {"one": "{n} text saved.", "other": "{n} texts saved."}),
    "err.documents_unknown_year": ("Không có năm thi đua {year} của cụm này.", "This cluster has no emulation year {year}."),
    "err.documents_unknown_kind": ("Không có loại văn bản “{kind}”.", "There is no document kind “{kind}”."),
    "err.documents_unknown_format": ("Không có định dạng “{fmt}” (chọn docx hoặc pdf).",
                                     "There is no format “{fmt}” (docx or pdf)."),
    "err.documents_unknown_text": ("Không có mục nội dung này.", "There is no such text."),
    "err.documents_text_too_long": ("Nội dung dài quá {max} ký tự.", "The text is longer than {max} characters."),
    "docs.law_missing": ("Chưa khai báo căn cứ pháp lý của năm {year}: văn bản không có dòng “Căn cứ”. Quản trị viên "
                         "nhập ở trang Tổ chức, thẻ Căn cứ pháp lý.",
                         "No legal basis is recorded for {year}: the documents carry no \"Căn cứ\" line. The "
                         "administrator enters it on the Organisation page, Legal basis tab."),
    "docs.law_unconfirmed": ("Căn cứ pháp lý năm {year} chưa được xác nhận (đề xuất; Bộ chủ quản: {ministry}; nguồn: "
                             "{source}). Kiểm tra các dòng “Căn cứ” trước khi ban hành; quản trị viên xác nhận ở trang "
                             "Tổ chức.",
                             "The legal basis of {year} is not confirmed (proposed; ministry: {ministry}; source: "
                             "{source}). Check the \"Căn cứ\" lines before issuing; the administrator confirms them "
                             "on the Organisation page."),
    "err.documents_no_awarding_body": ("Chưa khai báo cơ quan nhận đề nghị khen thưởng vào ngày {on}: quản trị viên "
                                       "khai báo trong mục Tổ chức.",
                                       "No awarding body is set for {on}: the administrator sets it under "
                                       "Organisation."),
    "err.documents_no_published_poll": ("Năm {year} chưa có cuộc bỏ phiếu nào được công bố kết quả.",
                                        "No poll of {year} has a published result yet."),
}
