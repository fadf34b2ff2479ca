"""Documents signed digitally: issuing them with signature fields, bringing the signed files back, the trust roots,
the holds of NĐ 152/2025 on proposals."""

TEXTS = {
    "signed.check_intact": ("Chữ ký toàn vẹn (nội dung không bị sửa sau khi ký)",
                            "The signature is intact (nothing changed after signing)"),
    "signed.check_trusted": ("Chứng thư số của người ký chuỗi đến một chứng thư gốc tin cậy",
                             "The signer's certificate chains to a trusted root"),
    "signed.check_whole_file": ("Chữ ký bao trùm toàn bộ tệp (không có thay đổi nào ngoài phần được phép sau khi ký)",
                                "The signature covers the whole file (no change after it beyond what is allowed)"),
    "signed.check_time": ("Có thời điểm ký, không ở tương lai, trong thời hạn chứng thư số",
                          "A signing time, not in the future, within the certificate's validity"),
    "signed.cli_signer": ("Chữ ký “{field}”: {signer} — cấp bởi {issuer} — ký lúc {at}",
                          "Signature “{field}”: {signer} — issued by {issuer} — signed at {at}"),
    "signed.cli_generated": ("Bản gốc là văn bản do ứng dụng tạo: {kind} năm {year} (tạo lúc {at})",
                             "The original is a document the app generated: {kind} of {year} (made at {at})"),
    "signed.cli_ok": ("KẾT QUẢ: mọi kiểm tra đều đạt.", "RESULT: every check holds."),
    "signed.cli_failed": ("KẾT QUẢ: KHÔNG đạt.", "RESULT: the file does NOT pass."),
    "signed.cli_unreadable_file": ("Không đọc được tệp {file}: {error}", "Cannot read the file {file}: {error}"),
    "signed.cli_bad_root": ("Tệp {file} không phải là chứng thư số (PEM hoặc DER).",
                            "The file {file} is not a certificate (PEM or DER)."),
    "err.signed_too_large": ("Tệp lớn quá {max_mb} MB.", "The file is larger than {max_mb} MB."),
    "err.signed_malformed": ("Tệp không phải là PDF hợp lệ hoặc bị hỏng; không có gì được lưu.",
                             "The file is not a valid PDF or is damaged; nothing was stored."),
    "err.signed_no_signature": ("Tệp PDF không có chữ ký số nào.", "The PDF carries no digital signature."),
    "err.signed_no_trust_root": ("Chưa có chứng thư gốc tin cậy nào: không kiểm tra được người ký. Quản trị viên cài "
                                 "chứng thư gốc của tổ chức cung cấp dịch vụ chứng thực chữ ký số.",
                                 "No trust root is installed: the signer cannot be checked. The administrator "
                                 "installs the certificate authority's root."),
    "err.signed_broken": ("Chữ ký “{field}” không toàn vẹn: tệp đã bị sửa sau khi ký hoặc chữ ký sai.",
                          "Signature “{field}” is not intact: the file was changed after signing, or the "
                          "signature is wrong."),
    "err.signed_untrusted": ("Chứng thư số của chữ ký “{field}” (cấp bởi {issuer}) không chuỗi đến chứng thư gốc tin "
                             "cậy nào, hoặc không dùng để ký được.",
                             "The certificate of signature “{field}” (issued by {issuer}) does not chain to a "
                             "trusted root, or may not sign."),
    "err.signed_not_whole_file": ("Chữ ký “{field}” không bao trùm toàn bộ tệp: có nội dung được thêm sau khi ký.",
                                  "Signature “{field}” does not cover the whole file: something was added after "
                                  "signing."),
    "err.signed_no_time": ("Chữ ký “{field}” không có thời điểm ký.", "Signature “{field}” has no signing time."),
    "err.signed_time_future": ("Thời điểm ký của chữ ký “{field}” ở tương lai.",
                               "The signing time of signature “{field}” is in the future."),
    "err.signed_time_outside_certificate": ("Chữ ký “{field}” được ký ngoài thời hạn của chứng thư số.",
                                            "Signature “{field}” was made outside its certificate's validity."),
    "err.signed_no_original": ("Không tìm thấy bản trước khi ký trong tệp (tệp đã được ghi lại toàn bộ khi ký): không "
                               "đối chiếu được với văn bản ứng dụng đã tạo.",
                               "The file holds no revision before the signature (it was rewritten when signed): it "
                               "cannot be compared with the document the app generated."),
    "err.signed_not_generated": ("Bản được ký không phải là văn bản do ứng dụng tạo ra (không khớp mã băm nào đã lưu).",
                                 "The signed revision is not a document the app generated (no stored hash "
                                 "matches)."),
    "err.signed_signed_before_generated": ("Chữ ký “{field}” có thời điểm ký trước khi văn bản được tạo.",
                                           "Signature “{field}” is dated before the document was generated."),
    "err.signed_other_document": ("Tệp ký là văn bản khác ({kind}, năm {year}), không phải văn bản đang chọn.",
                                  "The signed file is another document ({kind}, {year}), not the one selected."),
    "err.signed_immutable": ("Văn bản đã ký số không được sửa hoặc xóa.", "A signed document cannot be changed or "
                             "deleted."),
    "err.signed_exists": ("Văn bản này đã có bản ký số; không tạo lại. Tải bản đã ký ở trang Văn bản.",
                          "This document has a signed version; it is not generated again. Download the signed "
                          "version on the Documents page."),
    "err.signed_already_stored": ("Tệp ký số này đã được lưu.", "This signed file is already stored."),
    "err.signed_root_unreadable": ("Tệp không phải là chứng thư số (PEM hoặc DER).",
                                   "The file is not a certificate (PEM or DER)."),
    "err.signed_root_exists": ("Chứng thư gốc này đã được cài: {subject}.", "This root is already installed: {subject}."),
    "err.signed_root_unknown": ("Không có chứng thư gốc này.", "There is no such trust root."),
}
TEXTS.update({
    "signed.badge": ("Đã ký số", "Digitally signed"),
    "signed.col_field": ("Ô chữ ký", "Field"),
    "signed.col_signer": ("Người ký", "Signer"),
    "signed.col_issuer": ("Tổ chức cấp chứng thư số", "Certificate issuer"),
    "signed.col_time": ("Thời điểm ký", "Signed at"),
    "signed.details": ("Tải lên lúc {uploaded} · mã băm SHA-256 {sha256} · {size} byte",
                       "Uploaded at {uploaded} · SHA-256 {sha256} · {size} bytes"),
    "signed.download": ("Tải về bản đã ký số (PDF)", "Download the signed version (PDF)"),
    "signed.not_regenerated": ("Văn bản đã có bản ký số nên không được tạo lại; bản lưu là bản gốc đã ký, không thay "
                               "đổi.",
                               "The document has a signed version, so it is not generated again; the stored file is "
                               "the signed original, never changed."),
    "signed.upload_title": ("Tải lên bản đã ký số", "Upload the signed version"),
    "signed.upload_help": ("Tệp PDF tải về từ trang này, đã được ký số (và đóng dấu số) vào các ô chữ ký; tối đa "
                           "{max_mb} MB. Ứng dụng kiểm tra chữ ký, chứng thư số theo chứng thư gốc quản trị viên đã "
                           "cài, thời điểm ký, và bản được ký đúng là văn bản ứng dụng đã tạo; chỉ lưu khi mọi kiểm "
                           "tra đều đạt.",
                           "The PDF downloaded from this page, signed (and sealed) in its signature fields; at most "
                           "{max_mb} MB. The app checks the signatures, the certificates against the roots the "
                           "administrator installed, the signing time, and that the signed revision is the document "
                           "it generated; the file is kept only when every check holds."),
    "signed.upload_label": ("Tệp PDF đã ký số", "Signed PDF"),
    "signed.upload_check": ("Kiểm tra và lưu", "Check and keep"),
    "signed.rejected": ("Tệp không đạt kiểm tra; không có gì được lưu:", "The file fails the checks; nothing was "
                        "stored:"),
    "signed.stored": ("Đã kiểm tra và lưu bản ký số.", "The signed version was checked and kept."),
})

# --- holds on units (NĐ 152/2025) and the checks of the year's law ---------------------------------------------
TEXTS.update({
    "score.reason.held": ("Không được đề nghị (điều kiện bắt buộc): đang bị tạm dừng xét từ {since} — {reason}",
                          "May not be proposed (hard condition): on hold since {since} — {reason}"),
    "hold.kind.discipline": ("Đang xem xét kỷ luật", "Discipline under consideration"),
    "hold.kind.investigation": ("Đang bị điều tra", "Under investigation"),
    "hold.kind.inspection": ("Đang thanh tra, kiểm tra", "Under inspection"),
    "hold.kind.complaint": ("Đang xác minh khiếu nại, tố cáo", "Complaint being verified"),
    "award.check.held": ("{reason} (từ {since}) — điều kiện bắt buộc: không được đề nghị",
                         "{reason} (since {since}) — hard condition: may not be proposed"),
    "award.check.held_person": ("{person}: {reason} (từ {since}) — cảnh báo: cá nhân này không được đề nghị",
                                "{person}: {reason} (since {since}) — warning: this person may not be proposed"),
    "award.check.lower_award_missing": ("Chưa có danh hiệu/hình thức “{form}” năm {year} (hằng năm) — điều kiện bắt "
                                        "buộc theo quy định của năm",
                                        "No annual “{form}” of {year} — a hard condition under the year's law"),
    "award.check.discipline_recent": ("Thành tích được tính từ {since} (sau khi chấp hành xong kỷ luật) — cảnh báo",
                                      "Achievements count from {since} (after the discipline ended) — warning"),
    "award.hard": ("Bắt buộc", "Hard"),
    "award.soft": ("Cảnh báo", "Warning"),
    "err.hold_unknown_unit": ("Đơn vị không thuộc cụm nào trong năm đó.", "The unit belongs to no cluster that year."),
    "err.hold_unknown": ("Không có bản ghi tạm dừng xét này.", "There is no such hold."),
    "err.hold_unknown_kind": ("Không có loại “{kind}”.", "There is no kind “{kind}”."),
    "err.hold_start_required": ("Cần ghi ngày bắt đầu.", "A start date is required."),
    "err.hold_ends_before_start": ("Ngày kết thúc trước ngày bắt đầu.", "The end date is before the start date."),
    "err.hold_reason_required": ("Cần ghi lý do (văn bản, cơ quan thụ lý).", "A reason is required (the document, "
                                 "the body handling it)."),
    "err.hold_person_too_long": ("Họ tên dài quá {max} ký tự.", "The name is longer than {max} characters."),
    "err.hold_candidate_held": ("{unit} không được đề nghị: đang bị tạm dừng xét từ {since} — {reason}.",
                                "{unit} may not be proposed: on hold since {since} — {reason}."),
    "err.award_unknown_scope": ("Không có phạm vi khen thưởng “{scope}”.", "There is no award scope “{scope}”."),
    "award.scope.annual": ("Khen thưởng hằng năm", "Annual award"),
    "award.scope.thematic": ("Khen thưởng theo chuyên đề (không tính vào thành tích hằng năm)",
                             "Thematic award (does not count toward annual merit)"),
    "award.scope.one_off": ("Khen thưởng đột xuất (không tính vào thành tích hằng năm)",
                            "One-off award (does not count toward annual merit)"),
})
TEXTS.update({
    "award.scope": ("Phạm vi", "Scope"),
})
TEXTS.update({
    "page.holds": ("Tạm dừng xét khen thưởng", "Award holds"),
    "hold.intro": ("Theo Nghị định 152/2025/NĐ-CP: không xét, không đề nghị khen thưởng khi đơn vị (hoặc cá nhân) "
                   "đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc đang xác minh khiếu nại, tố cáo. Đơn "
                   "vị đang bị tạm dừng xét không có trong danh sách đề nghị và không được đưa vào phiếu bầu.",
                   "Under Decree 152/2025/NĐ-CP no award is considered or proposed while the unit (or person) is "
                   "under consideration for discipline, investigation or inspection, or a complaint is being "
                   "verified. A unit on hold is left out of the proposal and cannot be a candidate of the ballot."),
    "hold.col.unit": ("Đơn vị", "Unit"),
    "hold.col.person": ("Cá nhân", "Person"),
    "hold.col.kind": ("Lý do tạm dừng", "Kind"),
    "hold.col.reason": ("Căn cứ, nội dung", "Reason"),
    "hold.col.from": ("Từ ngày", "From"),
    "hold.col.to": ("Đến ngày", "To"),
    "hold.running": ("đang hiệu lực", "running"),
    "hold.none": ("Không có đơn vị nào bị tạm dừng xét trong năm này.", "No unit is on hold this year."),
    "hold.checks": ("Điều kiện theo quy định của năm", "Conditions under the year's law"),
    "hold.no_checks": ("Không có điều kiện nào ngăn hoặc cần lưu ý khi đề nghị các đơn vị.",
                       "Nothing blocks or needs attention in proposing the members."),
    "hold.add": ("Ghi nhận tạm dừng xét", "Record a hold"),
    "hold.person_help": ("Cá nhân (để trống nếu là cả đơn vị)", "Person (empty for the whole unit)"),
    "hold.reason_help": ("Căn cứ (văn bản, cơ quan thụ lý, nội dung)", "Reason (the document, the body, what)"),
    "hold.ends_help": ("Đến ngày (để trống nếu chưa kết thúc)", "To (empty while it runs)"),
    "hold.save": ("Lưu", "Save"),
    "hold.saved": ("Đã ghi nhận tạm dừng xét.", "The hold was recorded."),
    "hold.end": ("Ghi nhận ngày kết thúc", "Record the end"),
    "hold.end_pick": ("Việc tạm dừng đang hiệu lực", "Running hold"),
    "hold.end_reason": ("Căn cứ kết thúc (kết luận, quyết định)", "Why it ended (conclusion, decision)"),
    "hold.ended": ("Đã ghi nhận ngày kết thúc.", "The end was recorded."),
})

# --- the awards for other software -----------------------------------------------------------------------------
TEXTS.update({
    "export.title": ("Xuất dữ liệu khen thưởng năm {year} (CSV, XLSX, JSON, ZIP kèm văn bản đã ký số)",
                     "Awards of {year} for other software (CSV, XLSX, JSON, ZIP with the signed documents)"),
    "export.counts": ("{n} khen thưởng; {signed} văn bản đã ký số trong tệp ZIP.",
                      {"one": "{n} award; {signed} signed documents in the ZIP.",
                       "other": "{n} awards; {signed} signed documents in the ZIP."}),
})
TEXTS.update({
    "export.prepare": ("Tạo các tệp xuất", "Prepare the files"),
})

# --- the proposal exchange -------------------------------------------------------------------------------------
TEXTS.update({
    "docs.kind.package": ("Tờ trình đề nghị khen thưởng (hồ sơ của Cụm)", "Proposal of awards (the cluster's package)"),
    "page.award_proposals": ("Hồ sơ đề nghị khen thưởng", "Award proposals"),
    "proposal.state.draft": ("Đang soạn", "Draft"),
    "proposal.state.sent": ("Đã gửi Cụm trưởng", "Sent to the chair"),
    "proposal.state.returned": ("Cụm trưởng trả lại", "Returned by the chair"),
    "proposal.state.accepted": ("Cụm trưởng đã tiếp nhận", "Accepted by the chair"),
    "proposal.state.forwarded": ("Đã chuyển vào hồ sơ của Cụm", "Forwarded into the cluster's package"),
    "proposal.action.sent": ("Gửi", "Sent"),
    "proposal.action.returned": ("Trả lại", "Returned"),
    "proposal.action.accepted": ("Tiếp nhận", "Accepted"),
    "proposal.action.forwarded": ("Chuyển vào hồ sơ của Cụm", "Forwarded"),
    "proposal.subject.collective": ("Tập thể", "Collective"),
    "proposal.subject.individual": ("Cá nhân", "Individual"),
    "proposal.subject.initiative": ("Sáng kiến", "Initiative"),
    "proposal.col.subject": ("Đối tượng", "Subject"),
    "proposal.col.name": ("Tên tập thể, cá nhân, sáng kiến", "Name"),
    "proposal.col.form": ("Hình thức đề nghị", "Award asked for"),
    "proposal.col.summary": ("Thành tích", "Achievement"),
    "proposal.col.when": ("Thời điểm", "When"),
    "proposal.col.action": ("Bước", "Step"),
    "proposal.col.reason": ("Lý do, ghi chú", "Reason, note"),
    "proposal.col.unit": ("Đơn vị", "Unit"),
    "proposal.col.state": ("Trạng thái", "State"),
    "proposal.state_now": ("Trạng thái: {state}", "State: {state}"),
    "proposal.none": ("Chưa có đề nghị nào.", "No proposal yet."),
    "proposal.add": ("Thêm đề nghị", "Add a proposal"),
    "proposal.added": ("Đã thêm đề nghị.", "The proposal was added."),
    "proposal.remove": ("Xóa dòng đề nghị", "Remove a line"),
    "proposal.removed": ("Đã xóa dòng đề nghị.", "The line was removed."),
    "proposal.send": ("Gửi Cụm trưởng", "Send to the chair"),
    "proposal.sent_ok": ("Đã gửi hồ sơ đề nghị cho Cụm trưởng.", "The proposals were sent to the chair."),
    "proposal.log": ("Các bước đã thực hiện", "Steps taken"),
    "proposal.pick": ("Hồ sơ của đơn vị", "The member's proposals"),
    "proposal.reason": ("Lý do trả lại (bắt buộc khi trả lại)", "Reason to return (required to return)"),
    "proposal.do.returned": ("Trả lại đơn vị", "Return to the member"),
    "proposal.do.accepted": ("Tiếp nhận", "Accept"),
    "proposal.do.forwarded": ("Chuyển vào hồ sơ của Cụm", "Forward into the package"),
    "proposal.done": ("Đã thực hiện: {action}.", "Done: {action}."),
    "err.proposal_unknown_action": ("Không có bước “{action}”.", "There is no step “{action}”."),
    "err.proposal_not_your_step": ("Bước này không phải của tài khoản này.", "This step is not this account's."),
    "err.proposal_wrong_state": ("Không thực hiện được bước này khi hồ sơ đang ở trạng thái hiện tại.",
                                 "This step cannot be taken in the proposal's present state."),
    "err.proposal_not_editable": ("Hồ sơ đã gửi: chỉ sửa được khi đang soạn hoặc khi Cụm trưởng trả lại.",
                                  "The proposals were sent: they change only as a draft or once returned."),
    "err.proposal_unknown_subject": ("Không có đối tượng “{subject}”.", "There is no subject “{subject}”."),
    "err.proposal_name_required": ("Cần ghi tên tập thể, cá nhân hoặc sáng kiến.", "A name is required."),
    "err.proposal_name_too_long": ("Tên dài quá {max} ký tự.", "The name is longer than {max} characters."),
    "err.proposal_unknown_form": ("Không có hình thức “{form}”.", "There is no award form “{form}”."),
    "err.proposal_summary_too_long": ("Thành tích dài quá {max} ký tự.", "The achievement is over {max} characters."),
    "err.proposal_return_reason_required": ("Cần ghi lý do trả lại (ít nhất {min} ký tự).",
                                            "A reason to return is required (at least {min} characters)."),
    "err.proposal_empty": ("Hồ sơ chưa có dòng đề nghị nào.", "The proposals have no line yet."),
    "err.proposal_too_many": ("Quá {max} dòng đề nghị.", "More than {max} lines."),
    "err.proposal_year_closed": ("Năm {year} đã kết thúc.", "The year {year} is closed."),
    "err.proposal_unknown_item": ("Không có dòng đề nghị này.", "There is no such line."),
    "err.proposal_unknown": ("Không có hồ sơ đề nghị này.", "There is no such proposal."),
})
TEXTS.update({
    "proposal.returned_reason": ("Cụm trưởng trả lại hồ sơ: {reason}", "The chair returned the proposals: {reason}"),
})

# --- emulation movements ---------------------------------------------------------------------------------------
TEXTS.update({
    "page.movements": ("Phong trào thi đua", "Emulation movements"),
    "movement.level.national": ("Toàn quốc", "National"),
    "movement.level.ministry": ("Cấp Bộ", "Ministry"),
    "movement.level.province": ("Cấp tỉnh", "Province"),
    "movement.level.cluster": ("Của Cụm", "The cluster's"),
    "movement.kind.regular": ("Thường xuyên", "Regular"),
    "movement.kind.period": ("Theo đợt, chuyên đề (khen thưởng không tính vào thành tích hằng năm)",
                             "By period, thematic (its awards do not count toward annual merit)"),
    "movement.add": ("Đăng ký phong trào", "Register a movement"),
    "movement.col.name": ("Tên phong trào", "Name"),
    "movement.col.level": ("Cấp phát động", "Level"),
    "movement.col.kind": ("Loại", "Kind"),
    "movement.col.from": ("Từ ngày", "From"),
    "movement.col.to": ("Đến ngày (bắt buộc với phong trào theo đợt)", "To (required for a movement by period)"),
    "movement.col.member": ("Đơn vị thành viên", "Member"),
    "movement.col.opened": ("Đã mở xem", "Opened"),
    "movement.not_opened": ("chưa mở", "not yet"),
    "movement.save": ("Lưu", "Save"),
    "movement.saved": ("Đã đăng ký phong trào.", "The movement was registered."),
    "movement.summary": ("{kind} · từ {start} đến {end}", "{kind} · from {start} to {end}"),
    "movement.attach": ("Văn bản phát động (PDF, DOCX, XLSX; tối đa 10 MB)", "Launching document (PDF, DOCX, XLSX; "
                        "at most 10 MB)"),
    "movement.attach_save": ("Đính kèm", "Attach"),
    "movement.attached": ("Đã đính kèm văn bản.", "The document was attached."),
    "movement.launch": ("Phát động", "Launch"),
    "movement.launched": ("Đã phát động: các đơn vị thành viên đã thấy phong trào.",
                          "Launched: the members see the movement."),
    "movement.launched_at": ("Phát động lúc {at}", "Launched at {at}"),
    "movement.none": ("Chưa có phong trào nào.", "No movement yet."),
    "err.movement_name_required": ("Cần ghi tên phong trào.", "A name is required."),
    "err.movement_name_too_long": ("Tên dài quá {max} ký tự.", "The name is longer than {max} characters."),
    "err.movement_unknown_level": ("Không có cấp “{level}”.", "There is no level “{level}”."),
    "err.movement_unknown_kind": ("Không có loại “{kind}”.", "There is no kind “{kind}”."),
    "err.movement_start_required": ("Cần ghi ngày bắt đầu.", "A start date is required."),
    "err.movement_period_needs_end": ("Phong trào theo đợt cần ngày kết thúc.", "A movement by period needs an end."),
    "err.movement_ends_before_start": ("Ngày kết thúc trước ngày bắt đầu.", "The end is before the start."),
    "err.movement_file_type": ("Chỉ nhận tệp {types}.", "Only {types} files."),
    "err.movement_file_too_large": ("Tệp lớn quá {max_mb} MB.", "The file is larger than {max_mb} MB."),
    "err.movement_file_empty": ("Tệp rỗng.", "The file is empty."),
    "err.movement_already_launched": ("Phong trào đã được phát động.", "The movement was launched already."),
    "err.movement_unknown": ("Không có phong trào này.", "There is no such movement."),
})
TEXTS.update({
    "award.movement": ("Thuộc phong trào", "Movement"),
    "award.no_movement": ("(không thuộc phong trào nào)", "(no movement)"),
})

# --- the administrator's trust roots ---------------------------------------------------------------------------
TEXTS.update({
    "page.admin_trust_roots": ("Chứng thư gốc tin cậy", "Trust roots"),
    "roots.intro": ("Văn bản đã ký số được kiểm tra theo chứng thư gốc (root CA) của tổ chức cung cấp dịch vụ chứng thực "
                    "chữ ký số mà quản trị viên cài ở đây (ví dụ chứng thư gốc của Ban Cơ yếu Chính phủ, VNPT-CA, "
                    "Viettel-CA). Ứng dụng không kèm sẵn chứng thư gốc nào.",
                    "Signed documents are checked against the certificate authorities' roots the administrator "
                    "installs here (e.g. the Ban Cơ yếu Chính phủ's, VNPT-CA's, Viettel-CA's). The app ships none."),
    "roots.none": ("Chưa cài chứng thư gốc nào: chưa kiểm tra được văn bản đã ký số.",
                   "No trust root is installed: signed documents cannot be checked yet."),
    "roots.col.subject": ("Chứng thư gốc", "Root"),
    "roots.col.fingerprint": ("Dấu vân tay SHA-256", "SHA-256 fingerprint"),
    "roots.col.until": ("Hiệu lực đến", "Valid until"),
    "roots.col.added": ("Cài lúc", "Installed at"),
    "roots.upload": ("Tệp chứng thư gốc (PEM hoặc DER)", "Root certificate file (PEM or DER)"),
    "roots.install": ("Cài chứng thư gốc", "Install the root"),
    "roots.installed": ("Đã cài chứng thư gốc.", "The root was installed."),
    "roots.remove": ("Gỡ chứng thư gốc", "Remove a root"),
    "roots.removed": ("Đã gỡ chứng thư gốc.", "The root was removed."),
})
TEXTS.update({
    "proposal.remove_pick": ("Dòng cần xóa", "Line to remove"),
})
TEXTS.update({
    "docs.kind.annex_units": ("Phụ lục: danh sách đơn vị", "Appendix: list of units"),
    "docs.kind.annex_scores": ("Phụ lục: bảng điểm", "Appendix: table of scores"),
    "docs.kind.annex_tally": ("Phụ lục: kết quả kiểm phiếu", "Appendix: the count"),
})
TEXTS.update({
    "proposal.excel": ("Nhập từ tệp Excel", "Import from Excel"),
    "proposal.excel_help": ("Tải mẫu, điền mỗi dòng một đề nghị, rồi tải lên; chỉ nhận khi mọi dòng đều hợp lệ.",
                            "Download the template, one proposal per row, then upload it; taken only when every row "
                            "is good."),
    "proposal.excel_template": ("Tải mẫu Excel", "Download the template"),
    "proposal.excel_upload": ("Tệp Excel đã điền", "The filled workbook"),
    "proposal.excel_import": ("Nhập các dòng", "Import the rows"),
    "proposal.excel_imported": ("Đã nhập {n} dòng đề nghị.", {"one": "{n} line imported.",
                                                              "other": "{n} lines imported."}),
    "proposal.excel_problems": ("Tệp có dòng không hợp lệ; chưa nhập dòng nào:", "Some rows are not valid; nothing "
                                "was imported:"),
    "proposal.row.subject": ("Dòng {row}: đối tượng “{value}” không có trong danh mục.",
                             "Row {row}: the subject “{value}” is not in the list."),
    "proposal.row.name": ("Dòng {row}: thiếu tên.", "Row {row}: the name is missing."),
    "proposal.row.form": ("Dòng {row}: hình thức “{value}” không có trong danh mục.",
                          "Row {row}: the award “{value}” is not in the list."),
    "err.proposal_file_too_large": ("Tệp lớn quá {max_mb} MB.", "The file is larger than {max_mb} MB."),
    "err.proposal_file_unreadable": ("Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx).",
                                     "The workbook cannot be read (damaged, or not .xlsx)."),
    "err.proposal_file_not_template": ("Tệp không theo mẫu (dòng tiêu đề khác mẫu).",
                                       "The file does not follow the template (the header row differs)."),
})
TEXTS.update({
    "proposal.attach": ("Đính kèm hồ sơ (báo cáo thành tích, văn bản xác nhận)", "Attach files (achievement report, "
                        "confirmations)"),
    "proposal.attach_label": ("Tệp PDF hoặc ảnh, tối đa 5 MB", "A PDF or an image, at most 5 MB"),
    "proposal.attach_save": ("Đính kèm", "Attach"),
    "proposal.attached": ("Đã đính kèm tệp.", "The file was attached."),
})
TEXTS.update({
    "hold.ballot_notice": ("{unit} không được đưa vào phiếu bầu: đang tạm dừng xét từ {since} — {reason}",
                           "{unit} cannot be a candidate: on hold since {since} — {reason}"),
})
