from clearway_platform.correlation import (
    correlation_from_traceparent,
    current_traceparent,
    set_correlation_id,
)


def test_the_request_id_becomes_the_trace_id_of_every_event() -> None:
    set_correlation_id("0af7651916cd43dd8448eb211c80319c")
    traceparent = current_traceparent()
    assert traceparent is not None
    assert correlation_from_traceparent(traceparent) == "0af7651916cd43dd8448eb211c80319c"
    set_correlation_id(None)
    assert current_traceparent() is None


def test_a_malformed_traceparent_carries_no_correlation() -> None:
    assert correlation_from_traceparent("garbage") is None
