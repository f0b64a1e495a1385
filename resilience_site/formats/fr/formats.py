# Typed dates in the order pages show them (07/11/2026); ISO is accepted too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"]
