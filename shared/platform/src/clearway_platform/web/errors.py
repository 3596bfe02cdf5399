"""Every error leaves as application/problem+json, never a bare 500 page.

Domain errors become problems through the service's mapping (clearway_platform.web.problems);
validation errors, HTTP errors and an unreachable database have fixed shapes.
"""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from clearway_contracts.problems import PROBLEM_JSON, FieldError, Problem, field_path
from clearway_platform.domain_errors import DomainError
from clearway_platform.errors import is_transient
from clearway_platform.web.problems import DEFAULT_PROBLEMS, ProblemMap, problem_for

log = logging.getLogger(__name__)


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    return JSONResponse(
        problem.body(instance=request.url.path),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=problem.headers or None,
    )


def install_problem_handlers(app: FastAPI, problems: ProblemMap = DEFAULT_PROBLEMS) -> None:
    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(request, exc)

    async def on_domain_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        return problem_response(request, problem_for(exc, problems))

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            FieldError(field_path(error.get("loc", ())), str(error.get("msg", "invalid")))
            for error in exc.errors()
        ]
        problem = Problem(422, "Invalid request", "the request has invalid fields", errors=errors)
        return problem_response(request, problem)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        problem = Problem(exc.status_code, _title(exc.status_code), str(exc.detail))
        problem.headers = dict(exc.headers or {})
        return problem_response(request, problem)

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        if is_transient(exc):  # the database restarting, say: the client should retry
            log.warning("unavailable on %s %s: %r", request.method, request.url.path, exc)
            problem = Problem(503, "Service Unavailable", "a dependency is unavailable; retry")
            problem.headers = {"Retry-After": "1"}
            return problem_response(request, problem)
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        problem = Problem(500, "Internal Server Error", "an unexpected error; it was logged")
        return problem_response(request, problem)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(DomainError, on_domain_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
