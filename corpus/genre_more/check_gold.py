"""Check a gold file against its texts without the extractor: every sentence is a unique
substring, its quantity occurs there (occurrence), facts in document order; then list every
numeral of each text with a mark whether a gold span covers it, for a by-hand check against
the contract's "Not facts" list."""
import json, re, sys
gold, texts = sys.argv[1], sys.argv[2]
NUMRE = re.compile(r'\d+(?:[.,]\d+)?|[零〇一二两兩三四五六七八九十百千万萬亿億]+')
for line in open(gold, encoding='utf-8'):
    d = json.loads(line); t = open(f"{texts}/{d['doc_id']}.txt", encoding='utf-8').read()
    spans = []; prev = -1; problems = 0
    for i, f in enumerate(d['facts']):
        s = f['sentence']; n = t.count(s)
        if n != 1:
            print(f"  !! {d['doc_id']}#{i} sentence occurs {n}x: {s}"); problems += 1
            if n == 0: continue
        p = t.find(s); pos = -1; k = 0
        for _ in range(f.get('occurrence', 1)):
            pos = s.find(f['quantity'], pos + 1)
            if pos < 0: break
        if pos < 0:
            print(f"  !! {d['doc_id']}#{i} quantity {f['quantity']} not in sentence"); problems += 1; continue
        a = p + pos; b = a + len(f['quantity'])
        if a < prev: print(f"  !! {d['doc_id']}#{i} out of order"); problems += 1
        prev = a; spans.append((a, b))
        if f['metric'] and f['metric'] not in t: print(f"  !! {d['doc_id']}#{i} metric not in text: {f['metric']}"); problems += 1
        if f.get('initiative') and f['initiative'] not in t: print(f"  !! {d['doc_id']}#{i} initiative not in text"); problems += 1
    print(f"== {d['doc_id']} year={d['year']} date={d['date']} facts={len(d['facts'])} problems={problems}")
    if '-v' in sys.argv:
        for m in NUMRE.finditer(t):
            cov = any(a <= m.start() < b for a, b in spans)
            print(f"   {'FACT' if cov else '----'} {m.group():8s} …{t[max(0,m.start()-10):m.end()+6]}…".replace('\n', '⏎'))
