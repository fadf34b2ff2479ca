"""Errors a user can cause. Each carries a message code that the UI turns into a sentence with t("err." + code)."""


class DomainError(Exception):
    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code
