"""Organisation over time: units, names, lineage, clusters, memberships, directors, awarding bodies, the ministry."""

TEXTS = {
    "page.admin_organisation": ("Đơn vị, cụm và thành viên", "Units, clusters and members"),
    "page.clusters_overview": ("Toàn Khối thi đua", "All clusters"),
    "role.ministry": ("Vụ Thi đua - Khen thưởng (chỉ xem)", "Ministry emulation department (read-only)"),
    "err.org_name_required": ("Vui lòng nhập tên tiếng Việt của đơn vị.", "Please enter the unit's Vietnamese name."),
    "err.org_name_dates_reversed": ("Ngày bắt đầu phải trước ngày kết thúc.", "The start must be before the end."),
    "err.org_name_overlap": ("Thời gian hiệu lực trùng với tên \"{other}\" ({start} – {end}). Không có gì được lưu.",
                             "The validity overlaps the name \"{other}\" ({start} – {end}). Nothing was saved."),
    "err.org_unknown_event": ("Loại thay đổi không hợp lệ: {kind}.", "Unknown kind of change: {kind}."),
    "err.org_event_date_required": ("Vui lòng nhập ngày có hiệu lực.", "Please enter the date it takes effect."),
    "err.org_merge_into_itself": ("{unit} không thể sáp nhập vào chính nó. Không có gì được lưu.",
                                  "{unit} cannot be merged into itself. Nothing was saved."),
    "err.org_merge_cycle": ("Không thể sáp nhập {unit} vào một đơn vị đã (trực tiếp hoặc gián tiếp) sáp nhập vào "
                            "{unit}: vòng sáp nhập. Không có gì được lưu.",
                            "{unit} cannot be merged into a unit that is (directly or not) merged into {unit}: "
                            "a cycle of mergers. Nothing was saved."),
    "err.org_merge_needs_one_successor": ("Sáp nhập cần đúng một đơn vị tiếp nhận.",
                                          "A merger needs exactly one receiving unit."),
    "err.org_split_needs_successors": ("Chia tách cần ít nhất hai đơn vị kế thừa.",
                                       "A split needs at least two successor units."),
    "err.org_no_successor_expected": ("Giải thể hoặc đổi tên không có đơn vị kế thừa.",
                                      "A dissolution or a renaming has no successor."),
    "err.org_event_before_start": ("Ngày có hiệu lực trước khi {unit} được thành lập ({start}). Không có gì được lưu.",
                                   "The date is before {unit} existed ({start}). Nothing was saved."),
    "err.org_unit_already_ended": ("{unit} đã chấm dứt hoạt động từ {end}. Không có gì được lưu.",
                                   "{unit} already ended on {end}. Nothing was saved."),
    "err.org_event_after_end": ("{unit} đã chấm dứt hoạt động từ {end}; không thể đổi tên sau ngày đó.",
                                "{unit} ended on {end}; it cannot be renamed after that."),
    "err.org_successor_not_existing": ("Đơn vị tiếp nhận không tồn tại vào ngày {date}.",
                                       "The receiving unit does not exist on {date}."),
    "err.org_use_rename": ("Dùng mục \"Đổi tên\" để đổi tên đơn vị.", "Use \"Rename\" to rename a unit."),
    "err.org_unit_in_two_clusters": ("{unit} đã thuộc {cluster} năm {year}: một đơn vị chỉ thuộc một cụm trong một "
                                     "năm. Không có gì được lưu.",
                                     "{unit} already belongs to {cluster} in {year}: a unit belongs to one cluster "
                                     "a year. Nothing was saved."),
    "err.org_member_merged_away": ("{unit} không còn tồn tại trong năm {year}: đơn vị kế thừa là {successor}. Hãy "
                                   "chọn {successor}. Không có gì được lưu.",
                                   "{unit} no longer exists in {year}: its successor is {successor}. Choose "
                                   "{successor} instead. Nothing was saved."),
    "err.org_member_not_existing": ("{unit} không tồn tại trong năm {year}. Không có gì được lưu.",
                                    "{unit} does not exist in {year}. Nothing was saved."),
    "err.org_member_has_submission": ("{unit} đã gửi hoặc đã khoá số liệu năm {year} trong cụm này: không thể đưa "
                                      "đơn vị ra khỏi cụm năm đó (số liệu đã quyết định sẽ mất chỗ). Cụm trưởng "
                                      "mở lại đơn vị (ghi lý do) trước. Không có gì được lưu.",
                                      "{unit} has sent or locked its {year} figures in this cluster: it cannot leave "
                                      "the cluster for that year (what was decided would be orphaned). The chair "
                                      "reopens the unit first, with a reason. Nothing was saved."),
    "err.org_undo_reason_required": ("Ghi lý do hoàn tác (ít nhất {min} ký tự).",
                                     "Write why the change is undone (at least {min} characters)."),
    "err.org_unknown_change": ("Không tìm thấy thay đổi cần hoàn tác.", "The change to undo was not found."),
    "err.org_change_already_undone": ("Thay đổi này đã được hoàn tác.", "This change has already been undone."),
    "err.org_change_not_last": ("Đã có thay đổi khác sau thay đổi này (cùng đơn vị hoặc cùng năm): hoàn tác thay "
                                "đổi sau trước. Không có gì được lưu.",
                                "Another change was made after this one (same unit or year): undo that one first. "
                                "Nothing was saved."),
    "err.org_membership_empty": ("Chọn ít nhất một đơn vị thành viên.", "Choose at least one member unit."),
    "err.org_no_earlier_membership": ("Chưa có năm nào trước {year} có danh sách thành viên để sao chép.",
                                      "No year before {year} has members to copy."),
    "err.org_unit_has_history": ("Không thể xoá {unit}: đơn vị đã có số liệu, khen thưởng hoặc lịch sử. Hãy dùng "
                                 "\"Giải thể\" để ghi nhận đơn vị chấm dứt hoạt động.",
                                 "{unit} cannot be deleted: it has figures, awards or history. Use \"Dissolve\" "
                                 "to record its end instead."),
    "err.org_unit_ended": ("{unit} đã chấm dứt hoạt động (ngày cuối {end}): không thể là ứng viên, đơn vị bỏ phiếu "
                           "hay nhận khen thưởng.",
                           "{unit} has ended (last day {end}): it cannot be a candidate, a voter or an award "
                           "recipient."),
    "err.org_unit_code_required": ("Đơn vị cần có mã và tên tỉnh.", "A unit needs a code and a province."),
    "err.org_unit_code_taken": ("Mã đơn vị {code} đã tồn tại.", "Unit code {code} already exists."),
    "err.org_unknown_unit_kind": ("Loại đơn vị không hợp lệ: {kind}.", "Unknown unit kind: {kind}."),
    "err.org_cluster_code_name_required": ("Cụm cần có mã và tên.", "A cluster needs a code and a name."),
    "err.org_cluster_code_taken": ("Mã cụm {code} đã tồn tại.", "Cluster code {code} already exists."),
    "err.org_director_name_required": ("Vui lòng nhập họ tên Giám đốc.", "Please enter the director's name."),
    "err.org_body_name_required": ("Cơ quan khen thưởng cần có tên và chức danh người ký.",
                                   "The awarding body needs a name and the signatory's title."),
    "err.org_body_overlap": ("Thời gian trùng với {other}.", "The period overlaps {other}."),
    "org.preview.renamed": ("Từ {date}, {unit} mang tên {successors}. Số liệu của đơn vị giữ nguyên; các năm trước "
                            "vẫn hiển thị tên cũ.",
                            "From {date}, {unit} is named {successors}. Its figures stay; earlier years keep the "
                            "earlier name."),
    "org.preview.merged_into": ("Từ {date}, {unit} là một phần của {successors}; số liệu đến năm {year} giữ nguyên "
                                "dưới tên {unit} và hiển thị là lịch sử của đơn vị tiền thân.",
                                "From {date}, {unit} is part of {successors}; its figures up to {year} stay under "
                                "its name and show as predecessor history."),
    "org.preview.split_into": ("Từ {date}, {unit} được chia tách thành {successors}; số liệu đến năm {year} giữ "
                               "nguyên dưới tên {unit}.",
                               "From {date}, {unit} is split into {successors}; its figures up to {year} stay "
                               "under its name."),
    "org.preview.dissolved": ("Từ {date}, {unit} giải thể; số liệu đến năm {year} giữ nguyên dưới tên {unit}. Đơn "
                              "vị không còn là ứng viên, đơn vị bỏ phiếu hay nhận khen thưởng, và tài khoản của "
                              "đơn vị bị từ chối khi đăng nhập.",
                              "From {date}, {unit} is dissolved; its figures up to {year} stay under its name. It "
                              "is no longer a candidate, voter or award recipient, and its accounts are refused at "
                              "login."),
    "org.preview.membership": ("Thành viên {cluster} năm {year}:", "Members of {cluster} in {year}:"),
    "org.preview.members_added": ("thêm: {units}", "added: {units}"),
    "org.preview.members_removed": ("bỏ: {units}", "removed: {units}"),
    "org.preview.members_same": ("không thay đổi.", "no change."),
    "org.preview_title": ("Xem trước thay đổi", "Preview of the change"),
    "org.confirm": ("Xác nhận lưu", "Confirm and save"),
    "org.preview_button": ("Xem trước", "Preview"),
    "org.saved": ("Đã lưu thay đổi.", "The change was saved."),
    "org.tab.units": ("Đơn vị", "Units"),
    "org.tab.changes": ("Đổi tên, sáp nhập, giải thể", "Rename, merge, dissolve"),
    "org.tab.members": ("Thành viên cụm theo năm", "Cluster members per year"),
    "org.tab.directors": ("Giám đốc theo năm", "Directors per year"),
    "org.tab.clusters": ("Các cụm và cơ quan khen thưởng", "Clusters and awarding bodies"),
    "org.unit": ("Đơn vị", "Unit"),
    "org.code": ("Mã", "Code"),
    "org.province": ("Tỉnh", "Province"),
    "org.kind": ("Loại đơn vị", "Kind of unit"),
    "org.kind.so_tttt": ("Sở Thông tin và Truyền thông", "Department of Information and Communications"),
    "org.kind.so_khcn": ("Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    "org.kind.other": ("Khác", "Other"),
    "org.name_vi": ("Tên (tiếng Việt)", "Name (Vietnamese)"),
    "org.name_en": ("Tên (tiếng Anh)", "Name (English)"),
    "org.valid_from": ("Hiệu lực từ", "Valid from"),
    "org.valid_to": ("Hiệu lực đến", "Valid to"),
    "org.status": ("Tình trạng", "Status"),
    "org.active": ("Đang hoạt động", "Active"),
    "org.ended": ("Chấm dứt từ {date}", "Ended on {date}"),
    "org.new_unit": ("Thêm đơn vị", "Add a unit"),
    "org.delete_unit": ("Xoá đơn vị nhập nhầm", "Delete a unit entered by mistake"),
    "org.delete": ("Xoá", "Delete"),
    "org.deleted": ("Đã xoá đơn vị.", "The unit was deleted."),
    "org.change": ("Thay đổi", "Change"),
    "org.event.renamed": ("Đổi tên", "Rename"),
    "org.event.merged_into": ("Sáp nhập vào", "Merge into"),
    "org.event.split_into": ("Chia tách thành", "Split into"),
    "org.event.dissolved": ("Giải thể", "Dissolve"),
    "org.effective_on": ("Có hiệu lực từ ngày", "Takes effect on"),
    "org.successors": ("Đơn vị tiếp nhận / kế thừa", "Receiving or successor units"),
    "org.new_name_vi": ("Tên mới (tiếng Việt)", "New name (Vietnamese)"),
    "org.new_name_en": ("Tên mới (tiếng Anh)", "New name (English)"),
    "org.new_kind": ("Loại đơn vị từ ngày này", "Kind of unit from that day"),
    "org.note": ("Căn cứ (văn bản)", "Basis (legal text)"),
    "org.history": ("Lịch sử thay đổi", "History of changes"),
    "org.undo_title": ("Hoàn tác một thay đổi", "Undo a change"),
    "org.undo_help": ("Thay đổi tổ chức đơn vị hoặc thành viên cụm gần đây. Hoàn tác cần ghi lý do; lý do được lưu "
                      "trong nhật ký.", "Recent lineage and membership changes. Undoing one needs a written "
                      "reason, kept in the audit trail."),
    "org.undo_pick": ("Thay đổi", "Change"),
    "org.undo_reason": ("Lý do hoàn tác", "Why it is undone"),
    "org.undo_button": ("Hoàn tác", "Undo"),
    "org.undone": ("Đã hoàn tác thay đổi.", "The change was undone."),
    "org.undo_none": ("Chưa có thay đổi nào có thể hoàn tác.", "No change to undo yet."),
    "org.undo_lineage": ("{at}: {unit} — {change} từ {day}", "{at}: {unit} — {change} from {day}"),
    "org.undo_membership": ("{at}: thành viên {cluster} năm {year} ({n} đơn vị)",
                            "{at}: members of {cluster} in {year} ({n} units)"),
    "org.cluster": ("Cụm thi đua", "Emulation cluster"),
    "org.year": ("Năm", "Year"),
    "org.members": ("Đơn vị thành viên", "Member units"),
    "org.copy_last_year": ("Sao chép danh sách năm {year}", "Copy the members of {year}"),
    "org.copy_none": ("Chưa có năm trước để sao chép.", "No earlier year to copy."),
    "org.membership_not_set": ("Chưa xác định thành viên {cluster} năm {year}. Quản trị viên cần cập nhật danh sách "
                               "(trang \"Đơn vị, cụm và thành viên\") trước khi nhập số liệu hoặc bỏ phiếu.",
                               "The members of {cluster} in {year} are not set. The administrator must set them "
                               "(page \"Units, clusters and members\") before figures are entered or a vote held."),
    "org.director": ("Giám đốc", "Director"),
    "org.director_name": ("Họ tên Giám đốc", "Director's name"),
    "org.director_saved": ("Đã lưu Giám đốc.", "The director was saved."),
    "org.clusters": ("Các cụm thi đua của Khối", "The Khối's emulation clusters"),
    "org.new_cluster": ("Thêm cụm", "Add a cluster"),
    "org.bodies": ("Cơ quan nhận đề nghị khen thưởng theo thời kỳ", "The awarding body per period"),
    "org.body_head": ("Người ký (chức danh)", "Signatory (title)"),
    "org.predecessor_label": ("{unit} (tiền thân của {successor})", "{unit} (predecessor of {successor})"),
    "org.with_history": ("{unit} (gồm số liệu {predecessors})", "{unit} (incl. figures of {predecessors})"),
    "org.until": ("đến {year}", "up to {year}"),
    "org.account_cluster": ("Cụm của tài khoản Cụm trưởng, người xem", "Cluster of chair and viewer accounts"),
    "org.account_cluster_help": ("Tài khoản Sở thành viên thuộc cụm của đơn vị trong năm; tài khoản Cụm trưởng chỉ "
                                 "điều hành cụm được gán ở đây.",
                                 "A member's account belongs to its unit's cluster of the year; a chair account "
                                 "runs only the cluster set here."),
    "org.account": ("Tài khoản", "Account"),
    "org.overview_year": ("Năm thi đua", "Emulation year"),
    "org.overview_members": ("Thành viên", "Members"),
    "org.overview_submitted": ("Đã nộp", "Submitted"),
    "org.overview_leading": ("Đơn vị dẫn đầu", "Leading units"),
    "org.overview_state": ("Trạng thái năm", "Year state"),
    "org.overview_not_set": ("chưa xác định", "not set"),
    "open_year.title": ("Mở năm thi đua {year}", "Open emulation year {year}"),
    "open_year.members": ("Thành viên đề xuất", "Proposed members"),
    "open_year.members_help": ("Thành viên năm {previous}, đơn vị đã sáp nhập được thay bằng đơn vị tiếp nhận; lưu "
                               "thành đề xuất chờ quản trị viên xác nhận.",
                               "The members of {previous}, a merged unit replaced by its successor; saved as a "
                               "proposal the administrator confirms."),
    "open_year.deadline": ("Hạn nhập liệu", "Entry deadline"),
    "open_year.line_members": ("Thành viên ({n}, chưa xác nhận): {names}", "Members ({n}, to be confirmed): {names}"),
    "open_year.line_criteria": ("Bảng tiêu chí: sao chép bảng năm {year} thành bản nháp để chỉnh sửa.",
                                "Criteria table: {year}'s copied as a draft to edit."),
    "open_year.line_no_criteria": ("Bảng tiêu chí: năm {year} chưa có bảng để sao chép.",
                                   "Criteria table: {year} has none to copy."),
    "open_year.line_pack": ("Bộ chỉ tiêu: {pack}", "Indicator pack: {pack}"),
    "open_year.line_body": ("Cơ quan nhận đề nghị khen thưởng (01/01): {body}", "Awarding body (1 January): {body}"),
    "open_year.line_law_carried": ("Căn cứ pháp lý: chuyển từ năm {year}, chưa xác nhận:",
                                   "Legal basis: carried from {year}, not confirmed:"),
    "open_year.line_law_own": ("Căn cứ pháp lý đã khai báo cho năm này:", "Legal basis recorded for this year:"),
    "open_year.line_no_law": ("Căn cứ pháp lý: chưa có, quản trị viên cần khai báo.",
                              "Legal basis: none; the administrator must enter it."),
    "open_year.line_deadline": ("Hạn nhập liệu: {at}", "Entry deadline: {at}"),
    "open_year.line_no_deadline": ("Hạn nhập liệu: chưa đặt.", "Entry deadline: not set."),
    "open_year.confirm": ("Mở năm {year}", "Open {year}"),
    "open_year.done": ("Đã mở năm thi đua {year}.", "Emulation year {year} is open."),
    "err.open_year_deadline_without_zone": ("Hạn nhập liệu cần kèm múi giờ. Không có gì được lưu.",
                                            "The deadline needs a time zone. Nothing was saved."),
    "err.open_year_no_previous": ("Cụm chưa có năm thi đua nào để tiếp nối.", "The cluster has no year to follow."),
    "org.tab.law": ("Căn cứ pháp lý", "Legal basis"),
    "law.help": ("Văn bản pháp luật của từng năm thi đua: in thành các dòng “Căn cứ …” trong mọi văn bản của năm đó, "
                 "và Bộ đứng tên trên văn bản. Năm chưa xác nhận được nêu rõ ở trang Văn bản.",
                 "The law of each emulation year: printed as the \"Căn cứ\" lines of every document of that year, "
                 "with the ministry named above the cluster. A year not confirmed is said so on the Documents page."),
    "law.law": ("Luật", "Law"),
    "law.decree": ("Nghị định", "Decree"),
    "law.home_affairs": ("Thông tư của Bộ Nội vụ", "Circular of the Ministry of Home Affairs"),
    "law.sector": ("Thông tư của ngành", "Sector circular"),
    "law.ministry": ("Bộ chủ quản", "Ministry"),
    "law.ministry_en": ("Bộ chủ quản (tiếng Anh)", "Ministry (English)"),
    "law.office": ("Đơn vị của Bộ tiếp nhận kết quả", "The ministry's reading office"),
    "law.source": ("Nguồn (địa chỉ văn bản)", "Source (address of the texts)"),
    "law.confirm": ("Đã đối chiếu với văn bản gốc (xác nhận)", "Checked against the texts (confirmed)"),
    "law.confirmed": ("Xác nhận", "Confirmed"),
    "law.yes": ("đã xác nhận", "confirmed"),
    "law.pack": ("Bộ chỉ tiêu của năm", "The year's indicator pack"),
    "law.pack.none": ("Mọi chỉ tiêu", "Every indicator"),
    "law.pack.so_tttt": ("Sở Thông tin và Truyền thông (đến 2024)", "Department of Information and Communications "
                         "(to 2024)"),
    "law.pack.so_khcn": ("Sở Khoa học và Công nghệ (từ 2025)", "Department of Science and Technology (from 2025)"),
    "err.law_unknown_pack": ("Bộ chỉ tiêu không hợp lệ: {pack}. Không có gì được lưu.",
                             "Unknown indicator pack: {pack}. Nothing was saved."),
    "law.saved": ("Đã lưu căn cứ pháp lý năm {year}.", "The legal basis of {year} is saved."),
    "err.law_decree_required": ("Cần nhập Nghị định của năm. Không có gì được lưu.",
                                "Enter the year's decree. Nothing was saved."),
    "err.law_ministry_required": ("Cần nhập Bộ chủ quản của năm. Không có gì được lưu.",
                                  "Enter the year's ministry. Nothing was saved."),
    "err.law_text_too_long": ("Nội dung quá dài (tối đa {max} ký tự). Không có gì được lưu.",
                              "Text too long (at most {max} characters). Nothing was saved."),
    "err.law_source_required": ("Muốn xác nhận, cần ghi nguồn (địa chỉ văn bản). Không có gì được lưu.",
                                "To confirm, give the source (address of the texts). Nothing was saved."),
    "org.members_proposed": ("Thành viên năm {year} chưa xác nhận: {note}. Quản trị viên kiểm tra và xác nhận "
                             "(thẻ Thành viên của trang Tổ chức).",
                             "The members of {year} are to be confirmed: {note}. The administrator checks and "
                             "confirms them (Members tab of the Organisation page)."),
    "org.unconfirmed": ("chưa xác nhận", "to be confirmed"),
    "org.confirm_members": ("Xác nhận thành viên năm {year}", "Confirm the members of {year}"),
    "org.members_confirmed": ("Đã xác nhận thành viên năm {year}.", "The members of {year} are confirmed."),
    "err.org_membership_not_proposed": ("Thành viên năm {year} không phải là đề xuất chờ xác nhận. Không có gì được "
                                        "lưu.", "The members of {year} are not a proposal awaiting confirmation. "
                                        "Nothing was saved."),
    "auth.unit_ended_successor": ("Đơn vị của tài khoản này ({unit}) đã chấm dứt hoạt động từ {date}; đơn vị kế thừa "
                                  "là {successor}. Tài khoản không còn đăng nhập được: hãy đăng nhập bằng tài khoản "
                                  "của {successor} (liên hệ quản trị viên nếu chưa có).",
                                  "This account's unit ({unit}) ended on {date}; its successor is {successor}. The "
                                  "account can no longer log in: use an account of {successor} (ask the "
                                  "administrator if you have none)."),
    "auth.unit_ended": ("Đơn vị của tài khoản này ({unit}) đã chấm dứt hoạt động từ {date} (sáp nhập hoặc giải thể); "
                        "tài khoản không còn đăng nhập được. Liên hệ quản trị viên để được cấp tài khoản của đơn vị "
                        "tiếp nhận.",
                        "This account's unit ({unit}) ended on {date} (merged or dissolved); the account can no "
                        "longer log in. Ask the administrator for an account of the receiving unit."),
}
