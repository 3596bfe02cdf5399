"""A worked example of a manifest file (docs/examples/manifest-train.csv is a longer one)."""

CSV_EXAMPLE = """consignment_reference,JSQ-2026-0412
mode,integrated
declaring_office,8601
exit_office,8021
declarant.customs_code,6501234567
declarant.name,Silk Road Auto Export Co.
declarant.aeo_level,advanced_certified
exporter.name,Silk Road Auto Export Co.
exporter.country,CN
consignee.name,Tashkent Auto Trade LLC
consignee.country,UZ
destination_country,UZ
transport.mode,rail_car_carrier
transport.means_id,X8052
item.hs_code,8703239090
item.currency,USD
item.origin_country,CN

vin,make,model,power,condition,value,first_registration,odometer_km,\
deregistration_certificate,export_licence
LRW5218F2P25F1553,Changan,CS75 Plus,petrol,new,14800.00,,,,
LRW9CBEF7PBA03970,Changan,CS75 Plus,petrol,used,9200.00,2023-05-17,41250,\
DR-6501-000004,EL-2026-000004
"""
