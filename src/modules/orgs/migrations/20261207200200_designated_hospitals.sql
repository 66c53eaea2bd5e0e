-- The seven designated work-injury rehabilitation hospitals of Shanghai (本市住院工伤康复定点机构, the bulletin's
-- Q&A), reference data. Addresses and coordinates are approximate, from public knowledge of the hospitals'
-- main sites, in GCJ-02 (the system's stored coordinate system, as training venues): check them against the
-- hospitals' own before production use. The USCCs are placeholders with valid check characters (public
-- institutions, 12…) to be replaced by the hospitals' real codes. Bed counts and conditions taken are the
-- starting configuration, not published figures.
WITH h(name, uscc, district_code, address, lat, lng, conditions, beds) AS (VALUES
  ('上海中医药大学附属岳阳中西医结合医院', '12310109280000012N', '310109', '虹口区甘河路 110 号', 31.2771, 121.4936,
     ARRAY['brain_injury','fracture','spinal_cord_injury','hand_injury','joint_soft_tissue','peripheral_nerve'], 40),
  ('上海市徐汇区中心医院', '123101042800000209', '310104', '徐汇区淮海中路 966 号', 31.2158, 121.4535,
     ARRAY['fracture','hand_injury','amputation','joint_soft_tissue','peripheral_nerve'], 30),
  ('上海市第八人民医院', '123101042800000396', '310104', '徐汇区漕宝路 8 号', 31.1703, 121.4384,
     ARRAY['fracture','hand_injury','joint_soft_tissue','burn','peripheral_nerve'], 30),
  ('上海市第一康复医院', '12310110280000047N', '310110', '杨浦区长阳路', 31.2700, 121.5330,
     ARRAY['brain_injury','fracture','spinal_cord_injury','hand_injury','amputation','joint_soft_tissue','burn','peripheral_nerve','vegetative_state'], 200),
  ('上海市养志康复医院', '12310117280000055N', '310117', '松江区明中路', 31.0360, 121.2260,
     ARRAY['brain_injury','fracture','spinal_cord_injury','hand_injury','amputation','joint_soft_tissue','burn','peripheral_nerve','vegetative_state'], 150),
  ('上海中冶医院', '123101072800000632', '310107', '普陀区志丹路 110 号', 31.2735, 121.4246,
     ARRAY['fracture','spinal_cord_injury','hand_injury','amputation','joint_soft_tissue','burn'], 60),
  ('上海安达医院', '12310113280000071J', '310113', '宝山区', 31.3530, 121.4300,
     ARRAY['brain_injury','fracture','spinal_cord_injury','joint_soft_tissue','peripheral_nerve','vegetative_state'], 80)
),
o AS (
  INSERT INTO organisations (kind, name, uscc, district_code, address)
  SELECT 'hospital', name, uscc, district_code, address FROM h
  RETURNING id, uscc
)
INSERT INTO hospital_profiles (org_id, lat, lng, conditions, rehab_beds)
SELECT o.id, h.lat, h.lng, h.conditions, h.beds FROM o JOIN h USING (uscc);
