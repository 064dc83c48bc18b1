"""Typesetting rules shared by the web pages, their print stylesheet and the PDFs."""
