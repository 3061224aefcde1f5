"""The ``quote_attributor`` component and the rules it runs."""
