print("scour")
