print("batchdeck")
