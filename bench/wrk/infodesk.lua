-- InfoDesk public lists driven by wrk, the load generator of the machine's reference figures.
-- wrk -t2 -c64 -d20s --latency -s bench/wrk/infodesk.lua http://localhost:5090 -- <scenario> [start_date end_date]
-- Scenarios: open311 (90 days, a category, open: up to 1,000 records), open311-page (closed, page_size=100),
-- map-category (public map, a category, open), map-all (every point of 90 days), nearby (a random point), live (/health/live).
local categories = { "buche", "rifiuti", "illuminazione" }
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

local scenario, window

function init(args)
  scenario = args[1] or "open311"
  window = "jurisdiction_id=c_d612&start_date=" .. (args[2] or "") .. "&end_date=" .. (args[3] or "")
  math.randomseed(os.time() * 100 + (seed or 0))
end

local function category()
  return categories[math.random(#categories)]
end

function request()
  local path
  if scenario == "open311" then
    path = "/open311/v2/requests.json?" .. window .. "&service_code=" .. category() .. "&status=open"
  elseif scenario == "open311-page" then
    path = "/open311/v2/requests.json?" .. window .. "&service_code=" .. category() .. "&status=closed&page_size=100"
  elseif scenario == "map-category" then
    path = "/enti/c_d612/segnalazioni/mappa.json?giorni=90&stato=aperte&categoria=" .. category()
  elseif scenario == "map-all" then
    path = "/enti/c_d612/segnalazioni/mappa.json?giorni=90"
  elseif scenario == "nearby" then
    path = string.format("/enti/c_d612/segnalazioni/vicine?categoria=%s&lat=%.5f&lon=%.5f",
      category(), 43.72 + math.random() * 0.11, 11.15 + math.random() * 0.19)
  elseif scenario == "live" then
    path = "/health/live"
  else
    error("unknown scenario " .. scenario)
  end
  return wrk.format("GET", path)
end
