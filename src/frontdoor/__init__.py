"""Front Door: case management for the front door of children's services in England."""
