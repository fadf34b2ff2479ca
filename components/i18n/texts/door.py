"""Strings of the server's door: the login form posted to the server, sessions, error messages without
tracebacks, escaped user text."""

TEXTS = {
    "common.unexpected_error": ("Đã có lỗi ngoài dự kiến. Vui lòng tải lại trang và thử lại; nếu lỗi lặp lại, hãy báo "
                                "cho quản trị viên (chi tiết đã được ghi vào nhật ký máy chủ).",
                                "Something unexpected went wrong. Please reload the page and try again; if it happens "
                                "again, tell the administrator (the details are in the server log)."),
    "auth.logout_everywhere": ("Đăng xuất trên mọi thiết bị", "Log out on every device"),
    "account.everywhere_help": ("Kết thúc mọi phiên đăng nhập của tài khoản này, trên mọi máy và điện thoại (kể cả "
                                "thiết bị này).",
                                "Ends every login of this account, on every computer and phone (this one too)."),
    "auth.cross_site": ("Yêu cầu đến từ một trang khác nên bị từ chối.",
                        "The request came from another site and was refused."),
    "err.setup_token_expired": ("Mã thiết lập đã hết hạn (chỉ dùng được trong {hours} giờ). Khởi động lại máy chủ để "
                                "in mã mới, hoặc tạo tài khoản quản trị bằng lệnh: python scripts/manage.py "
                                "create-admin",
                                "The setup token has expired (it is valid for {hours} hours). Restart the server to "
                                "print a new one, or create the administrator with: python scripts/manage.py "
                                "create-admin"),
    "err.last_admin": ("Đây là tài khoản quản trị cuối cùng còn hoạt động: không thể đổi vai trò hay vô hiệu hoá. Hãy "
                       "tạo một tài khoản quản trị khác trước.",
                       "This is the last active administrator: its role cannot be changed nor the account "
                       "deactivated. Create another administrator first."),
    "err.text_control_character": ("Nội dung có ký tự điều khiển (ký tự ẩn, thường do dán từ phần mềm khác): hãy "
                                   "xoá nó rồi lưu lại. Chưa có gì được lưu.",
                                   "The text holds a control character (a hidden character, often pasted from other "
                                   "software): remove it and save again. Nothing was saved."),
    "err.text_too_long": ("Nội dung quá dài (tối đa {most} ký tự).", "The text is too long ({most} characters at most)."),
    "admin.users.delays": ("Thời gian chờ đăng nhập đang áp dụng", "Login delays in force"),
    "admin.users.delay_kind": ("Áp dụng cho", "Applies to"),
    "admin.users.delay_kind.account": ("Tài khoản (mọi nơi)", "Account (from anywhere)"),
    "admin.users.delay_kind.pair": ("Một địa chỉ với một tài khoản", "One address with one account"),
    "admin.users.delay_kind.client": ("Một địa chỉ (mọi tài khoản)", "One address (every account)"),
    "admin.users.delay_who": ("Địa chỉ | tài khoản", "Address | account"),
    "admin.users.delay_failures": ("Số lần sai", "Wrong attempts"),
    "admin.users.delay_until": ("Chờ đến", "Waits until"),
    "admin.users.clear_delays": ("Xoá mọi thời gian chờ đăng nhập", "Clear every login delay"),
    "admin.users.delays_cleared": ("Đã xoá mọi thời gian chờ đăng nhập.", "Every login delay was cleared."),
    "admin.users.no_delays": ("Không có tài khoản hay địa chỉ nào đang phải chờ.", "No account or address is waiting."),
    "err.bad_credentials": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password."),
    "err.deactivated": ("Tài khoản đã bị vô hiệu hoá. Liên hệ quản trị viên.",
                        "This account has been deactivated. Contact the administrator."),
    "err.throttled": ("Đã nhập sai nhiều lần. Vui lòng đợi {seconds} giây rồi thử lại.",
                      "Too many wrong attempts. Please wait {seconds} seconds and try again."),
}
