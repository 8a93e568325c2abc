"""Statutory returns: the DfE CIN census and Ofsted's Annex A lists, with pre-submission checks."""
