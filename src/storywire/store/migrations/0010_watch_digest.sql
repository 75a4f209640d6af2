-- A watch may gather its alerts into one message per period (hourly | daily) instead of
-- sending each as it comes; NULL sends each alert at once.
ALTER TABLE watch ADD COLUMN digest TEXT;
