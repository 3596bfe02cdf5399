"""What a browser loads from the gateway: the inspector's tablet app (/tablet/), the officer's
console (/console/), the API docs page (/docs), and the libraries they use, all from the
gateway itself (services/gateway/web), so they work on a network without the internet."""
