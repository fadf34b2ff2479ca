"""Strings of the conference-day hardening: access refusals, login throttling, first-run token, cookie key,
database outages, early closes and resets of a poll, receipts kept in the browser."""

TEXTS = {
    "err.forbidden": ("Tài khoản của bạn không có quyền thực hiện thao tác này.",
                      "Your account may not do this."),
    "err.password_spaces": ("Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách.",
                            "A password may not begin or end with a space."),
    "err.setup_token_invalid": ("Mã thiết lập không đúng. Mã được in trong nhật ký máy chủ khi khởi động.",
                                "Wrong setup token. It is printed in the server log at start-up."),
    "auth.throttled": ("Đã nhập sai nhiều lần. Vui lòng đợi {seconds} giây rồi thử lại.",
                       "Too many wrong attempts. Please wait {seconds} seconds and try again."),
    "auth.bad_cookie_key": ("Máy chủ chưa được cấu hình đúng: khoá cookie (AUTH_COOKIE_KEY) phải là chuỗi ngẫu nhiên "
                            "dài ít nhất {min} byte. Liên hệ quản trị hệ thống.",
                            "The server is misconfigured: the cookie key (AUTH_COOKIE_KEY) must be a random string of "
                            "at least {min} bytes. Contact the system operator."),
    "setup.token": ("Mã thiết lập (in trong nhật ký máy chủ)", "Setup token (printed in the server log)"),
    "setup.token_help": ("Người vận hành máy chủ đọc mã này trong nhật ký khi khởi động, hoặc tạo tài khoản quản trị "
                         "bằng lệnh: python scripts/manage.py create-admin",
                         "The server's operator reads it in the log at start-up, or creates the administrator with: "
                         "python scripts/manage.py create-admin"),
    "common.db_unavailable": ("Cơ sở dữ liệu tạm thời không phản hồi. Không có gì bị thay đổi; vui lòng thử lại sau "
                              "giây lát.",
                              "The database is not answering for the moment. Nothing was changed; please try again "
                              "in a moment."),
    "err.vote_close_reason_required": ("Còn {n} đơn vị có mặt chưa bỏ phiếu: hãy ghi lý do kết thúc sớm (ít nhất {min} "
                                       "ký tự).",
                                       {"one": "{n} unit present has not voted: write the reason for closing "
                                                "early (at least {min} characters).",
                                        "other": "{n} units present have not voted: write the reason for closing "
                                                  "early (at least {min} characters)."}),
    "err.vote_closed_no_reset": ("Cuộc bỏ phiếu đã kết thúc nên không thể huỷ kết quả; hãy tạo cuộc bỏ phiếu mới.",
                                 "A closed poll cannot be reset; create a new poll instead."),
    "vote.close_reason": ("Lý do kết thúc sớm (bắt buộc, được in trong biên bản)",
                          "Reason for closing early (required, printed in the minutes)"),
    "vote.event.closed_early": ("Kết thúc sớm", "Closed early"),
    "vote.closed_early_log": ("{reason} ({n} phiếu đã bỏ)", {"one": "{reason} ({n} ballot cast)", "other": "{reason} ({n} ballots cast)"}),
    "vote.incident.reset": ("Lúc {at}: huỷ {n} phiếu và bỏ phiếu lại. Lý do: {reason}",
                            {"one": "At {at}: {n} ballot discarded and the vote restarted. Reason: {reason}",
                             "other": "At {at}: {n} ballots discarded and the vote restarted. Reason: {reason}"}),
    "vote.incident.closed_early": ("Lúc {at}: kết thúc sớm khi mới có {n} phiếu. Lý do: {reason}",
                                   {"one": "At {at}: closed early with {n} ballot cast. Reason: {reason}",
                                    "other": "At {at}: closed early with {n} ballots cast. Reason: {reason}"}),
    "vote.receipt_counted": ("Mã phiếu của bạn có trong danh sách phiếu đã kiểm.",
                             "Your receipt is in the list of ballots counted."),
    "vote.receipt_not_counted": ("Mã phiếu của bạn không có trong danh sách phiếu đã kiểm: hãy báo ngay cho Cụm trưởng.",
                                 "Your receipt is not in the list of ballots counted: tell the chair at once."),
    "vote.receipt_in_list": ("Mã {code} có trong danh sách phiếu đã kiểm.", "Code {code} is in the list of ballots "
                                                                             "counted."),
    "err.xlsx_control_character": ("Ô ở dòng {row}, cột {column} có ký tự điều khiển (ký tự ẩn, thường do dán từ "
                                   "phần mềm khác): hãy xoá nó rồi tải lên lại. Chưa có gì được lưu.",
                                   "The cell at row {row}, column {column} holds a control character (a hidden "
                                   "character, often pasted from other software): remove it and upload again. "
                                   "Nothing was saved."),
    "err.score_workbook_too_many_rows": ("Một trang của bảng tiêu chí có quá nhiều dòng (tối đa {most}). Hãy dùng "
                                         "mẫu tải từ hệ thống.",
                                         "A sheet of the criteria workbook has too many rows (at most {most}). Use "
                                         "the template from the app."),
    "err.entry_xlsx_too_many_rows": ("Trang số liệu có quá nhiều dòng (tối đa {most}). Hãy dùng mẫu tải từ hệ thống.",
                                     "The data sheet has too many rows ({most} at most). Use the template from the "
                                     "app."),
    "err.entry_xlsx_formula_no_value": ("Cột {column}: ô có công thức nhưng chưa có giá trị tính sẵn. Hãy mở tệp bằng "
                                        "Excel, lưu lại, hoặc nhập số trực tiếp.",
                                        "Column {column}: the cell holds a formula without a computed value. Open "
                                        "and save the file in Excel, or type the number."),
    "err.entry_xlsx_not_finite": ("Cột {column}: giá trị không phải là một số hữu hạn (nan, inf).",
                                  "Column {column}: the value is not a finite number (nan, inf)."),
    "entry.excel.unusual": ("Các số liệu sau khác thường (gấp hơn 10 lần hoặc dưới 1/10 năm trước, hoặc lớn bất "
                            "thường): {names}. Hãy kiểm tra lại.",
                            "These figures are unusual (over 10 times or under a tenth of last year's, or implausibly "
                            "large): {names}. Please check them."),
    "entry.excel.unusual_confirm": ("Tôi đã kiểm tra, các số liệu này là đúng", "I checked: these figures are right"),
    "err.entry_unusual_unconfirmed": ("Các số liệu khác thường cần được xác nhận trước khi lưu: {codes}.",
                                      "Unusual figures must be confirmed before they are stored: {codes}."),
    "charts.drafts_shown": ("Số liệu nháp (chưa nộp, chỉ Cụm trưởng thấy): {units}.",
                            "Draft figures (not submitted yet, shown to the chair only): {units}."),
    "err.entry_changed_since_loaded": ("Người khác đã sửa số liệu này sau khi bạn mở trang ({codes}); chưa lưu gì. Hãy tải "
                                       "lại trang để xem số liệu mới rồi nhập lại.",
                                       "Someone else changed these figures after you opened the page ({codes}); "
                                       "nothing was saved. Reload the page to see them, then enter yours again."),
}
