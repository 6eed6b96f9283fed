-- wrk script: print the 95th percentile latency (microseconds) for the benchmark to read.
done = function(summary, latency, requests)
  io.write(string.format("p95_us=%d\n", latency:percentile(95)))
end
