-- reference/pipeline.yaml 的履约率、开工率分母必须是可识别的取值 The pipeline rate denominators in reference/pipeline.yaml are known values.
-- checks: marts.pipeline_funnel
SELECT key, value,
       CASE key WHEN 'pipeline.fulfilment_rate_denominator' THEN 'signed | signed_confirmed'
                ELSE 'signed | signed_confirmed | fulfilled' END AS allowed
FROM raw.ref_settings
WHERE (key = 'pipeline.fulfilment_rate_denominator' AND value NOT IN ('signed', 'signed_confirmed'))
   OR (key = 'pipeline.start_rate_denominator' AND value NOT IN ('signed', 'signed_confirmed', 'fulfilled'));
