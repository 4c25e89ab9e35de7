// Dossier workbench: small progressive enhancements
