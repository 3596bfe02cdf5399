"""Sample data every test tier builds from, valid by default: each test breaks what it checks.

* ``bodies``: HTTP request bodies, as a forwarder's ERP sends them to the gateway (public) and
  as the gateway forwards them to the declaration service (with its routing plan);
* ``snapshots``: declarations as the declaration service publishes them (the contract), and
  the events the declaration and inspection services publish about them;
* ``facts``: declarations as the release service keeps them.
"""
