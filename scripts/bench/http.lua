-- wrk script of scripts/bench-http.sh: one HTTP path of the gateway per run, chosen by BENCH_MODE.
--   get   : GET /product/{BENCH_PRODUCT_ID}                       (the baseline)
--   sync  : POST /product, JSON, waits for the worker's outcome     (201 expected)
--   async : POST /product with Prefer: respond-async                (202 expected)
--   bulk  : POST /product/bulk with BENCH_BULK_SIZE products        (201 expected, items/s = req/s x size)
-- Every created product carries its own valid GTIN-13 (prefix 2: restricted circulation numbers) unless
-- BENCH_UPC=auto, so a run neither drains a workspace's GS1 block nor collides with an earlier run (a run nonce and
-- the thread number are part of every number). Status codes are counted per thread and summed in done().

local mode = os.getenv("BENCH_MODE") or "get"
local token = os.getenv("BENCH_TOKEN") or ""
local productId = os.getenv("BENCH_PRODUCT_ID") or ""
local bulkSize = tonumber(os.getenv("BENCH_BULK_SIZE") or "100")
local autoUpc = os.getenv("BENCH_UPC") == "auto"
local nonce = tonumber(os.getenv("BENCH_NONCE") or "0")

local threads = {}
-- a global, not a local: setup() runs in wrk's main Lua state and sets it in each thread's own state
threadNumber = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("threadNumber", #threads)
end

local counter = 0
statuses = {}

local function gtin13(body12)
  local sum = 0
  for i = 12, 1, -1 do
    local digit = tonumber(body12:sub(i, i))
    -- weights 3,1,3,... from the rightmost digit of the body
    if (12 - i) % 2 == 0 then sum = sum + 3 * digit else sum = sum + digit end
  end
  return body12 .. tostring((10 - sum % 10) % 10)
end

local function product()
  counter = counter + 1
  local title = string.format("Bench %d-%d-%d", nonce, threadNumber, counter)
  if autoUpc then
    return string.format('{"title":"%s","type":"Audio"}', title)
  end
  -- 2 + 4 digits of run nonce + 1 of thread + 6 of counter (at most 9 wrk threads, a million products per thread)
  local upc = gtin13(string.format("2%04d%01d%06d", nonce % 10000, threadNumber % 10, counter % 1000000))
  return string.format('{"title":"%s","type":"Audio","upc":"%s"}', title, upc)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. token }
  if mode == "get" then
    return wrk.format("GET", "/product/" .. productId, headers)
  end
  headers["Content-Type"] = "application/json"
  if mode == "async" then
    headers["Prefer"] = "respond-async"
  end
  if mode == "bulk" then
    local items = {}
    for i = 1, bulkSize do items[i] = product() end
    return wrk.format("POST", "/product/bulk", headers, '{"products":[' .. table.concat(items, ",") .. ']}')
  end
  return wrk.format("POST", "/product", headers, product())
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    for status, count in pairs(counted) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do table.insert(parts, status .. "=" .. count) end
  table.sort(parts)
  io.write("STATUSES " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("P50_MS %.2f\nP99_MS %.2f\nRPS %.1f\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
