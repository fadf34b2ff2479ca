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
}
