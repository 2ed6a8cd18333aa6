"""Therapy Goals Workbook: worksheets from YAML to pages and PDFs. Imports nothing heavy, so generator.smart stays light."""
