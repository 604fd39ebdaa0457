//! X12 building blocks shared by several API groups: the 244 [`ServiceType`]s (eligibility,
//! service reviews), [`PlaceOfService`] (claims, service reviews), [`X12File`] uploads (claims
//! conversion, enrollment snapshots, batch files), raw X12 in JSON ([`X12Json`],
//! [`FullX12Json`]) and the X12 error shapes of the X12-backed APIs ([`X12ErrorData`]).
//!
//! Each type is also re-exported where it was first defined
//! (`pokitdok::models::eligibility::ServiceType`, `pokitdok::models::claims::PlaceOfService`,
//! `pokitdok::models::X12File`, ...).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Meta;
use crate::models::common::{Extra, open_enum};
use crate::redact::{Shaped, redacted_debug};

open_enum! {
    /// A service type (X12 EB03 / EQ01) of the eligibility API and of service reviews, e.g.
    /// `health_benefit_plan_coverage` (X12 code `30`). All 244 documented values, each with
    /// its X12 code: see [`ServiceType::x12_code`], [`ServiceType::from_x12_code`] and
    /// [`ServiceType::ALL`].
    ///
    /// ```
    /// use pokitdok::models::x12::ServiceType;
    /// let t = ServiceType::HealthBenefitPlanCoverage;
    /// assert_eq!((t.as_str(), t.x12_code()), ("health_benefit_plan_coverage", Some("30")));
    /// assert_eq!(ServiceType::from_x12_code("30"), Some(t));
    /// assert_eq!(ServiceType::ALL.len(), 244);
    /// ```
    pub enum ServiceType {
        /// `abortion`.
        Abortion = "abortion" / "84",
        /// `acupuncture`.
        Acupuncture = "acupuncture" / "64",
        /// `adjunctive_dental_services`.
        AdjunctiveDentalServices = "adjunctive_dental_services" / "28",
        /// `aids`.
        Aids = "aids" / "85",
        /// `air_transportation`.
        AirTransportation = "air_transportation" / "57",
        /// `alcoholism`.
        Alcoholism = "alcoholism" / "AJ",
        /// `allergy`.
        Allergy = "allergy" / "GY",
        /// `allergy_testing`.
        AllergyTesting = "allergy_testing" / "79",
        /// `allied_behavioral_analysis_therapy`.
        AlliedBehavioralAnalysisTherapy = "allied_behavioral_analysis_therapy" / "E0",
        /// `alternate_method_dialysis`.
        AlternateMethodDialysis = "alternate_method_dialysis" / "15",
        /// `ambulatory_service_facility`.
        AmbulatoryServiceFacility = "ambulatory_service_facility" / "13",
        /// `anesthesia`.
        Anesthesia = "anesthesia" / "7",
        /// `anesthesiologist`.
        Anesthesiologist = "anesthesiologist" / "97",
        /// `audiology_exam`.
        AudiologyExam = "audiology_exam" / "71",
        /// `basic_restorative_dental`.
        BasicRestorativeDental = "basic_restorative_dental" / "E12",
        /// `blood_charges`.
        BloodCharges = "blood_charges" / "10",
        /// `brand_name_prescription_drug`.
        BrandNamePrescriptionDrug = "brand_name_prescription_drug" / "91",
        /// `brand_name_prescription_drug_formulary`.
        BrandNamePrescriptionDrugFormulary = "brand_name_prescription_drug_formulary" / "B2",
        /// `brand_name_prescription_drug_non_formulary`.
        BrandNamePrescriptionDrugNonFormulary = "brand_name_prescription_drug_non_formulary" / "B3",
        /// `burn_care`.
        BurnCare = "burn_care" / "B1",
        /// `cabulance`.
        Cabulance = "cabulance" / "58",
        /// `cancer`.
        Cancer = "cancer" / "87",
        /// `cardiac`.
        Cardiac = "cardiac" / "BL",
        /// `cardiac_rehabilitation`.
        CardiacRehabilitation = "cardiac_rehabilitation" / "BG",
        /// `case_management`.
        CaseManagement = "case_management" / "CQ",
        /// `cat_scan`.
        CatScan = "cat_scan" / "ED",
        /// `chemotherapy`.
        Chemotherapy = "chemotherapy" / "78",
        /// `chiropractic`.
        Chiropractic = "chiropractic" / "33",
        /// `chiropractic_office_visits`.
        ChiropracticOfficeVisits = "chiropractic_office_visits" / "34",
        /// `chronic_renal_disease_equipment`.
        ChronicRenalDiseaseEquipment = "chronic_renal_disease_equipment" / "16",
        /// `cognitive_therapy`.
        CognitiveTherapy = "cognitive_therapy" / "BD",
        /// `comprehensive_medication_therapy_management_review`.
        ComprehensiveMedicationTherapyManagementReview = "comprehensive_medication_therapy_management_review" / "E26",
        /// `consultation`.
        Consultation = "consultation" / "3",
        /// `contact_lenses`.
        ContactLenses = "contact_lenses" / "EF",
        /// `convenience_care`.
        ConvenienceCare = "convenience_care" / "E36",
        /// `coronary_care`.
        CoronaryCare = "coronary_care" / "C1",
        /// `day_care_psychiatric`.
        DayCarePsychiatric = "day_care_psychiatric" / "BC",
        /// `dental_accident`.
        DentalAccident = "dental_accident" / "37",
        /// `dental_care`.
        DentalCare = "dental_care" / "35",
        /// `dental_coverage`.
        DentalCoverage = "dental_coverage" / "F3",
        /// `dental_crowns`.
        DentalCrowns = "dental_crowns" / "36",
        /// `dental_implants`.
        DentalImplants = "dental_implants" / "E22",
        /// `dental_prophylaxis`.
        DentalProphylaxis = "dental_prophylaxis" / "E18",
        /// `dermatology`.
        Dermatology = "dermatology" / "DG",
        /// `diabetic_education`.
        DiabeticEducation = "diabetic_education" / "E39",
        /// `diabetic_supplies`.
        DiabeticSupplies = "diabetic_supplies" / "DS",
        /// `diagnostic_dental`.
        DiagnosticDental = "diagnostic_dental" / "23",
        /// `diagnostic_imaging`.
        DiagnosticImaging = "diagnostic_imaging" / "E11",
        /// `diagnostic_lab`.
        DiagnosticLab = "diagnostic_lab" / "5",
        /// `diagnostic_medical`.
        DiagnosticMedical = "diagnostic_medical" / "73",
        /// `diagnostic_x_ray`.
        DiagnosticXRay = "diagnostic_x_ray" / "4",
        /// `dialysis`.
        Dialysis = "dialysis" / "76",
        /// `dietary_nutritional_services`.
        DietaryNutritionalServices = "dietary_nutritional_services" / "E28",
        /// `donor_procedures`.
        DonorProcedures = "donor_procedures" / "63",
        /// `drug_addiction`.
        DrugAddiction = "drug_addiction" / "AK",
        /// `durable_medical_equipment_new`.
        DurableMedicalEquipmentNew = "durable_medical_equipment_new" / "EC",
        /// `emergency_services`.
        EmergencyServices = "emergency_services" / "86",
        /// `endocrine`.
        Endocrine = "endocrine" / "BP",
        /// `endodontics`.
        Endodontics = "endodontics" / "26",
        /// `experimental_drug_therapy`.
        ExperimentalDrugTherapy = "experimental_drug_therapy" / "AR",
        /// `eye`.
        Eye = "eye" / "BR",
        /// `eyewear_and_accessories`.
        EyewearAndAccessories = "eyewear_and_accessories" / "CP",
        /// `family_planning`.
        FamilyPlanning = "family_planning" / "82",
        /// `fixed_prosthodontics`.
        FixedProsthodontics = "fixed_prosthodontics" / "E14",
        /// `flouride_treatments`.
        FlourideTreatments = "flouride_treatments" / "E21",
        /// `flu_vaccination`.
        FluVaccination = "flu_vaccination" / "CO",
        /// `frames`.
        Frames = "frames" / "AM",
        /// `free_standing_prescription_drug`.
        FreeStandingPrescriptionDrug = "free_standing_prescription_drug" / "89",
        /// `gastrointestinal`.
        Gastrointestinal = "gastrointestinal" / "BN",
        /// `general_benefits`.
        GeneralBenefits = "general_benefits" / "60",
        /// `generic_prescription_drug`.
        GenericPrescriptionDrug = "generic_prescription_drug" / "92",
        /// `generic_prescription_drug_formulary`.
        GenericPrescriptionDrugFormulary = "generic_prescription_drug_formulary" / "GF",
        /// `generic_prescription_drug_non_formulary`.
        GenericPrescriptionDrugNonFormulary = "generic_prescription_drug_non_formulary" / "GN",
        /// `gynecological`.
        Gynecological = "gynecological" / "BT",
        /// `health_benefit_plan_coverage`.
        HealthBenefitPlanCoverage = "health_benefit_plan_coverage" / "30",
        /// `hearing_coverage`.
        HearingCoverage = "hearing_coverage" / "F4",
        /// `home_health_care`.
        HomeHealthCare = "home_health_care" / "42",
        /// `home_health_prescriptions`.
        HomeHealthPrescriptions = "home_health_prescriptions" / "43",
        /// `home_health_visits`.
        HomeHealthVisits = "home_health_visits" / "44",
        /// `hospice`.
        Hospice = "hospice" / "45",
        /// `hospital`.
        Hospital = "hospital" / "47",
        /// `hospital_ambulatory_surgical`.
        HospitalAmbulatorySurgical = "hospital_ambulatory_surgical" / "53",
        /// `hospital_emergency_accident`.
        HospitalEmergencyAccident = "hospital_emergency_accident" / "51",
        /// `hospital_emergency_medical`.
        HospitalEmergencyMedical = "hospital_emergency_medical" / "52",
        /// `hospital_inpatient`.
        HospitalInpatient = "hospital_inpatient" / "48",
        /// `hospital_outpatient`.
        HospitalOutpatient = "hospital_outpatient" / "50",
        /// `hospital_room_and_board`.
        HospitalRoomAndBoard = "hospital_room_and_board" / "49",
        /// `immunizations`.
        Immunizations = "immunizations" / "80",
        /// `in_vitro_fertilization`.
        InVitroFertilization = "in_vitro_fertilization" / "61",
        /// `independent_medical_evaluation`.
        IndependentMedicalEvaluation = "independent_medical_evaluation" / "BA",
        /// `infertility`.
        Infertility = "infertility" / "83",
        /// `inhalation_therapy`.
        InhalationTherapy = "inhalation_therapy" / "72",
        /// `intensive_cardiac_rehabilitation`.
        IntensiveCardiacRehabilitation = "intensive_cardiac_rehabilitation" / "E33",
        /// `intensive_cardiac_rehabilitation_technical_component`.
        IntensiveCardiacRehabilitationTechnicalComponent = "intensive_cardiac_rehabilitation_technical_component" / "E32",
        /// `intensive_care`.
        IntensiveCare = "intensive_care" / "IC",
        /// `intraoral_images_complete_series`.
        IntraoralImagesCompleteSeries = "intraoral_images_complete_series" / "E16",
        /// `invasive_procedures`.
        InvasiveProcedures = "invasive_procedures" / "BS",
        /// `lenses`.
        Lenses = "lenses" / "AO",
        /// `level_of_care_1`.
        LevelOfCare1 = "level_of_care_1" / "E6",
        /// `level_of_care_2`.
        LevelOfCare2 = "level_of_care_2" / "E7",
        /// `level_of_care_3`.
        LevelOfCare3 = "level_of_care_3" / "E8",
        /// `level_of_care_4`.
        LevelOfCare4 = "level_of_care_4" / "E9",
        /// `licensed_ambulance`.
        LicensedAmbulance = "licensed_ambulance" / "59",
        /// `long_term_care`.
        LongTermCare = "long_term_care" / "54",
        /// `long_term_care_pharmacy`.
        LongTermCarePharmacy = "long_term_care_pharmacy" / "E25",
        /// `lymphatic`.
        Lymphatic = "lymphatic" / "BM",
        /// `mail_order_prescription_drug`.
        MailOrderPrescriptionDrug = "mail_order_prescription_drug" / "BX",
        /// `mail_order_prescription_drug_brand_name`.
        MailOrderPrescriptionDrugBrandName = "mail_order_prescription_drug_brand_name" / "90",
        /// `mail_order_prescription_drug_generic`.
        MailOrderPrescriptionDrugGeneric = "mail_order_prescription_drug_generic" / "BW",
        /// `major_medical`.
        MajorMedical = "major_medical" / "55",
        /// `major_restorative_dental`.
        MajorRestorativeDental = "major_restorative_dental" / "E13",
        /// `mammogram_high_risk_patient`.
        MammogramHighRiskPatient = "mammogram_high_risk_patient" / "CM",
        /// `mammogram_low_risk_patient`.
        MammogramLowRiskPatient = "mammogram_low_risk_patient" / "CN",
        /// `massage_therapy`.
        MassageTherapy = "massage_therapy" / "BE",
        /// `maternity`.
        Maternity = "maternity" / "69",
        /// `maxillofacial_prosthetics`.
        MaxillofacialProsthetics = "maxillofacial_prosthetics" / "27",
        /// `medical_care`.
        MedicalCare = "medical_care" / "1",
        /// `medical_coverage`.
        MedicalCoverage = "medical_coverage" / "F1",
        /// `medical_equipment`.
        MedicalEquipment = "medical_equipment" / "DM",
        /// `medical_equipment_purchase`.
        MedicalEquipmentPurchase = "medical_equipment_purchase" / "12",
        /// `medical_equipment_rental`.
        MedicalEquipmentRental = "medical_equipment_rental" / "18",
        /// `medically_related_transportation`.
        MedicallyRelatedTransportation = "medically_related_transportation" / "56",
        /// `mental_health`.
        MentalHealth = "mental_health" / "MH",
        /// `mental_health_coverage`.
        MentalHealthCoverage = "mental_health_coverage" / "F8",
        /// `mental_health_facility_inpatient`.
        MentalHealthFacilityInpatient = "mental_health_facility_inpatient" / "CG",
        /// `mental_health_facility_outpatient`.
        MentalHealthFacilityOutpatient = "mental_health_facility_outpatient" / "CH",
        /// `mental_health_provider_inpatient`.
        MentalHealthProviderInpatient = "mental_health_provider_inpatient" / "CE",
        /// `mental_health_provider_outpatient`.
        MentalHealthProviderOutpatient = "mental_health_provider_outpatient" / "CF",
        /// `mri_cat_scan`.
        MriCatScan = "mri_cat_scan" / "62",
        /// `neonatal_intensive_care`.
        NeonatalIntensiveCare = "neonatal_intensive_care" / "NI",
        /// `neurology`.
        Neurology = "neurology" / "BQ",
        /// `newborn_care`.
        NewbornCare = "newborn_care" / "65",
        /// `non_medical_equipment_non_dme`.
        NonMedicalEquipmentNonDme = "non_medical_equipment_non_dme" / "E1",
        /// `nonmedically_necessary_physical`.
        NonmedicallyNecessaryPhysical = "nonmedically_necessary_physical" / "AQ",
        /// `nursery`.
        Nursery = "nursery" / "BI",
        /// `obstetrical`.
        Obstetrical = "obstetrical" / "BU",
        /// `obstetrical_gynecological`.
        ObstetricalGynecological = "obstetrical_gynecological" / "BV",
        /// `occupational_therapy`.
        OccupationalTherapy = "occupational_therapy" / "AD",
        /// `oncology`.
        Oncology = "oncology" / "ON",
        /// `ophthalmology`.
        Ophthalmology = "ophthalmology" / "EE",
        /// `oral_evaluation`.
        OralEvaluation = "oral_evaluation" / "E17",
        /// `oral_surgery`.
        OralSurgery = "oral_surgery" / "40",
        /// `orthodontics`.
        Orthodontics = "orthodontics" / "38",
        /// `orthodontia_coverage`.
        OrthodontiaCoverage = "orthodontia_coverage" / "F7",
        /// `orthopedic`.
        Orthopedic = "orthopedic" / "BK",
        /// `other_medical`.
        OtherMedical = "other_medical" / "9",
        /// `otological_exam`.
        OtologicalExam = "otological_exam" / "77",
        /// `panoramic_images`.
        PanoramicImages = "panoramic_images" / "E19",
        /// `partial_hospitalization_psychiatric`.
        PartialHospitalizationPsychiatric = "partial_hospitalization_psychiatric" / "BB",
        /// `pathology`.
        Pathology = "pathology" / "66",
        /// `pediatric`.
        Pediatric = "pediatric" / "BH",
        /// `periodontics`.
        Periodontics = "periodontics" / "24",
        /// `pharmacist_services`.
        PharmacistServices = "pharmacist_services" / "E38",
        /// `pharmacy`.
        Pharmacy = "pharmacy" / "88",
        /// `physical_medicine`.
        PhysicalMedicine = "physical_medicine" / "AE",
        /// `physical_therapy`.
        PhysicalTherapy = "physical_therapy" / "PT",
        /// `physician_visit_office_sick`.
        PhysicianVisitOfficeSick = "physician_visit_office_sick" / "BY",
        /// `physician_visit_office_well`.
        PhysicianVisitOfficeWell = "physician_visit_office_well" / "BZ",
        /// `plan_waiting_period`.
        PlanWaitingPeriod = "plan_waiting_period" / "32",
        /// `pneumonia_vaccine`.
        PneumoniaVaccine = "pneumonia_vaccine" / "19",
        /// `podiatry`.
        Podiatry = "podiatry" / "93",
        /// `podiatry_nursing_home_visits`.
        PodiatryNursingHomeVisits = "podiatry_nursing_home_visits" / "95",
        /// `podiatry_office_visits`.
        PodiatryOfficeVisits = "podiatry_office_visits" / "94",
        /// `positron_emission_tomography_pet_scan`.
        PositronEmissionTomographyPetScan = "positron_emission_tomography_pet_scan" / "PE",
        /// `pre_admission_testing`.
        PreAdmissionTesting = "pre_admission_testing" / "17",
        /// `prescription_drug_coverage`.
        PrescriptionDrugCoverage = "prescription_drug_coverage" / "F5",
        /// `preventive_services`.
        PreventiveServices = "preventive_services" / "EA",
        /// `private_duty_nursing`.
        PrivateDutyNursing = "private_duty_nursing" / "74",
        /// `private_duty_nursing_home`.
        PrivateDutyNursingHome = "private_duty_nursing_home" / "CB",
        /// `private_duty_nursing_inpatient`.
        PrivateDutyNursingInpatient = "private_duty_nursing_inpatient" / "CA",
        /// `professional_cardiac_rehabilitation_services_component`.
        ProfessionalCardiacRehabilitationServicesComponent = "professional_cardiac_rehabilitation_services_component" / "E30",
        /// `professional_intensive_cardiac_rehabilitation_services_component`.
        ProfessionalIntensiveCardiacRehabilitationServicesComponent = "professional_intensive_cardiac_rehabilitation_services_component" / "E31",
        /// `professional_physician`.
        ProfessionalPhysician = "professional_physician" / "96",
        /// `professional_physician_visit_home`.
        ProfessionalPhysicianVisitHome = "professional_physician_visit_home" / "A3",
        /// `professional_physician_visit_inpatient`.
        ProfessionalPhysicianVisitInpatient = "professional_physician_visit_inpatient" / "99",
        /// `professional_physician_visit_nursing_home`.
        ProfessionalPhysicianVisitNursingHome = "professional_physician_visit_nursing_home" / "A1",
        /// `professional_physician_visit_office`.
        ProfessionalPhysicianVisitOffice = "professional_physician_visit_office" / "98",
        /// `professional_physician_visit_outpatient`.
        ProfessionalPhysicianVisitOutpatient = "professional_physician_visit_outpatient" / "A0",
        /// `professional_physician_visit_skilled_nursing_facility`.
        ProfessionalPhysicianVisitSkilledNursingFacility = "professional_physician_visit_skilled_nursing_facility" / "A2",
        /// `prosthetic_device`.
        ProstheticDevice = "prosthetic_device" / "75",
        /// `prosthodontics`.
        Prosthodontics = "prosthodontics" / "39",
        /// `psychiatric`.
        Psychiatric = "psychiatric" / "A4",
        /// `psychiatric_emergency`.
        PsychiatricEmergency = "psychiatric_emergency" / "E2",
        /// `psychiatric_inpatient`.
        PsychiatricInpatient = "psychiatric_inpatient" / "A7",
        /// `psychiatric_outpatient`.
        PsychiatricOutpatient = "psychiatric_outpatient" / "A8",
        /// `psychiatric_room_and_board`.
        PsychiatricRoomAndBoard = "psychiatric_room_and_board" / "A5",
        /// `psychotherapy`.
        Psychotherapy = "psychotherapy" / "A6",
        /// `pulmonary`.
        Pulmonary = "pulmonary" / "PU",
        /// `pulmonary_rehabilitation`.
        PulmonaryRehabilitation = "pulmonary_rehabilitation" / "BF",
        /// `pulmonary_rehabilitation_professional_component`.
        PulmonaryRehabilitationProfessionalComponent = "pulmonary_rehabilitation_professional_component" / "E35",
        /// `pulmonary_rehabilitation_technical_component`.
        PulmonaryRehabilitationTechnicalComponent = "pulmonary_rehabilitation_technical_component" / "E34",
        /// `radiation_therapy`.
        RadiationTherapy = "radiation_therapy" / "6",
        /// `radiographs`.
        Radiographs = "radiographs" / "E10",
        /// `rehabilitation`.
        Rehabilitation = "rehabilitation" / "A9",
        /// `rehabilitation_inpatient`.
        RehabilitationInpatient = "rehabilitation_inpatient" / "AB",
        /// `rehabilitation_outpatient`.
        RehabilitationOutpatient = "rehabilitation_outpatient" / "AC",
        /// `rehabilitation_room_and_board`.
        RehabilitationRoomAndBoard = "rehabilitation_room_and_board" / "AA",
        /// `removable_prosthodontics`.
        RemovableProsthodontics = "removable_prosthodontics" / "E15",
        /// `renal`.
        Renal = "renal" / "RN",
        /// `renal_supplies_in_the_home`.
        RenalSuppliesInTheHome = "renal_supplies_in_the_home" / "14",
        /// `residential_psychiatric_treatment`.
        ResidentialPsychiatricTreatment = "residential_psychiatric_treatment" / "RT",
        /// `respite_care`.
        RespiteCare = "respite_care" / "46",
        /// `restorative`.
        Restorative = "restorative" / "25",
        /// `retail_pharmacy_prescription_drug`.
        RetailPharmacyPrescriptionDrug = "retail_pharmacy_prescription_drug" / "E24",
        /// `routine_exam`.
        RoutineExam = "routine_exam" / "AN",
        /// `routine_eye_exam`.
        RoutineEyeExam = "routine_eye_exam" / "AP",
        /// `routine_physical`.
        RoutinePhysical = "routine_physical" / "81",
        /// `routine_preventive_dental`.
        RoutinePreventiveDental = "routine_preventive_dental" / "41",
        /// `screening_laboratory`.
        ScreeningLaboratory = "screening_laboratory" / "CL",
        /// `screening_x_ray`.
        ScreeningXRay = "screening_x_ray" / "CK",
        /// `sealants`.
        Sealants = "sealants" / "E20",
        /// `second_surgical_opinion`.
        SecondSurgicalOpinion = "second_surgical_opinion" / "20",
        /// `serious_mental_health`.
        SeriousMentalHealth = "serious_mental_health" / "SMH",
        /// `skilled_nursing_care`.
        SkilledNursingCare = "skilled_nursing_care" / "AG",
        /// `skilled_nursing_care_room_and_board`.
        SkilledNursingCareRoomAndBoard = "skilled_nursing_care_room_and_board" / "AH",
        /// `skilled_nursing_facility_head_level_of_care`.
        SkilledNursingFacilityHeadLevelOfCare = "skilled_nursing_facility_head_level_of_care" / "E4",
        /// `skilled_nursing_facility_ventilator_level_of_care`.
        SkilledNursingFacilityVentilatorLevelOfCare = "skilled_nursing_facility_ventilator_level_of_care" / "E5",
        /// `skin`.
        Skin = "skin" / "BJ",
        /// `smoking_cessation`.
        SmokingCessation = "smoking_cessation" / "67",
        /// `social_work`.
        SocialWork = "social_work" / "22",
        /// `social_work_coverage`.
        SocialWorkCoverage = "social_work_coverage" / "F2",
        /// `specialty_pharmacy`.
        SpecialtyPharmacy = "specialty_pharmacy" / "EB",
        /// `speech_therapy`.
        SpeechTherapy = "speech_therapy" / "AF",
        /// `step_down_unit`.
        StepDownUnit = "step_down_unit" / "E3",
        /// `substance_abuse`.
        SubstanceAbuse = "substance_abuse" / "AI",
        /// `substance_abuse_facility_inpatient`.
        SubstanceAbuseFacilityInpatient = "substance_abuse_facility_inpatient" / "CI",
        /// `substance_abuse_facility_outpatient`.
        SubstanceAbuseFacilityOutpatient = "substance_abuse_facility_outpatient" / "CJ",
        /// `surgical`.
        Surgical = "surgical" / "2",
        /// `surgical_assistance`.
        SurgicalAssistance = "surgical_assistance" / "8",
        /// `surgical_benefits_facility`.
        SurgicalBenefitsFacility = "surgical_benefits_facility" / "CD",
        /// `surgical_benefits_professional_physician`.
        SurgicalBenefitsProfessionalPhysician = "surgical_benefits_professional_physician" / "CC",
        /// `targeted_medication_therapy_management_review`.
        TargetedMedicationTherapyManagementReview = "targeted_medication_therapy_management_review" / "E27",
        /// `technical_cardiac_rehabilitation_services_component`.
        TechnicalCardiacRehabilitationServicesComponent = "technical_cardiac_rehabilitation_services_component" / "E29",
        /// `telemedicine`.
        Telemedicine = "telemedicine" / "E37",
        /// `temporomandibular_joint_dysfunction`.
        TemporomandibularJointDysfunction = "temporomandibular_joint_dysfunction" / "E23",
        /// `third_surgical_opinion`.
        ThirdSurgicalOpinion = "third_surgical_opinion" / "21",
        /// `transitional_care`.
        TransitionalCare = "transitional_care" / "TC",
        /// `transitional_nursery_care`.
        TransitionalNurseryCare = "transitional_nursery_care" / "TN",
        /// `transplants`.
        Transplants = "transplants" / "70",
        /// `urgent_care`.
        UrgentCare = "urgent_care" / "UC",
        /// `used_medical_equipment`.
        UsedMedicalEquipment = "used_medical_equipment" / "11",
        /// `vision_coverage`.
        VisionCoverage = "vision_coverage" / "F6",
        /// `vision_optometry`.
        VisionOptometry = "vision_optometry" / "AL",
        /// `well_baby_care`.
        WellBabyCare = "well_baby_care" / "68",
    }
}

open_enum! {
    /// Place of service (`claim.place_of_service`, `service_lines[].place_of_service`).
    pub enum PlaceOfService {
        /// `ambulance_air_or_water`.
        AmbulanceAirOrWater = "ambulance_air_or_water",
        /// `ambulance_land`.
        AmbulanceLand = "ambulance_land",
        /// `ambulatory_substance_abuse`.
        AmbulatorySubstanceAbuse = "ambulatory_substance_abuse",
        /// `assisted_living`.
        AssistedLiving = "assisted_living",
        /// `birthing_center`.
        BirthingCenter = "birthing_center",
        /// `custodial`.
        Custodial = "custodial",
        /// `end_stage_renal`.
        EndStageRenal = "end_stage_renal",
        /// `er_hospital`.
        ErHospital = "er_hospital",
        /// `federal_qualified`.
        FederalQualified = "federal_qualified",
        /// `group_home`.
        GroupHome = "group_home",
        /// `home`.
        Home = "home",
        /// `hospice`.
        Hospice = "hospice",
        /// `ihs_freestanding`.
        IhsFreestanding = "ihs_freestanding",
        /// `ihs_provider`.
        IhsProvider = "ihs_provider",
        /// `immunization`.
        Immunization = "immunization",
        /// `independent_clinic`.
        IndependentClinic = "independent_clinic",
        /// `independent_lab`.
        IndependentLab = "independent_lab",
        /// `inpatient_hospital`.
        InpatientHospital = "inpatient_hospital",
        /// `inpatient_psych`.
        InpatientPsych = "inpatient_psych",
        /// `inpatient_rehab`.
        InpatientRehab = "inpatient_rehab",
        /// `mental_health_center`.
        MentalHealthCenter = "mental_health_center",
        /// `mentally_retarded`.
        MentallyRetarded = "mentally_retarded",
        /// `military`.
        Military = "military",
        /// `mobile_unit`.
        MobileUnit = "mobile_unit",
        /// `nursing`.
        Nursing = "nursing",
        /// `off_campus_outpatient_hospital`.
        OffCampusOutpatientHospital = "off_campus_outpatient_hospital",
        /// `office`.
        Office = "office",
        /// `other`.
        Other = "other",
        /// `outpatient_hospital`.
        OutpatientHospital = "outpatient_hospital",
        /// `outpatient_rehab`.
        OutpatientRehab = "outpatient_rehab",
        /// `pharmacy`.
        Pharmacy = "pharmacy",
        /// `prison`.
        Prison = "prison",
        /// `psych_partial_hospital`.
        PsychPartialHospital = "psych_partial_hospital",
        /// `psych_residential`.
        PsychResidential = "psych_residential",
        /// `public_clinic`.
        PublicClinic = "public_clinic",
        /// `residential_substance_abuse`.
        ResidentialSubstanceAbuse = "residential_substance_abuse",
        /// `rural_clinic`.
        RuralClinic = "rural_clinic",
        /// `school`.
        School = "school",
        /// `shelter`.
        Shelter = "shelter",
        /// `skilled_nursing`.
        SkilledNursing = "skilled_nursing",
        /// `surgical_center`.
        SurgicalCenter = "surgical_center",
        /// `telehealth`.
        Telehealth = "telehealth",
        /// `temp_lodging`.
        TempLodging = "temp_lodging",
        /// `tribal_638_freestanding`.
        Tribal638Freestanding = "tribal_638_freestanding",
        /// `tribal_638_provider`.
        Tribal638Provider = "tribal_638_provider",
        /// `urgent_care`.
        UrgentCare = "urgent_care",
        /// `walkin_clinic`.
        WalkinClinic = "walkin_clinic",
        /// `worksite`.
        Worksite = "worksite",
    }
}

/// An X12 file to upload: bytes with a file name, or a path read with `tokio::fs` when the
/// request is sent. Only the file's own name is sent, never its directory.
///
/// A file name can be a patient's name (`jane_doe_1970.837`): neither `Debug` nor the error
/// for an unreadable file shows it, or the path.
///
/// ```
/// use pokitdok::models::X12File;
/// let f = X12File::from_bytes("jane_doe.837", b"ISA*00*~".to_vec());
/// let g = X12File::from_path("/data/batches/jane_doe.837");
/// assert_eq!(g.file_name(), "jane_doe.837");
/// assert_eq!(format!("{f:?}"), "X12File { file_name: str(12), bytes: 8 }");
/// assert_eq!(format!("{g:?}"), "X12File { file_name: str(12), source: \"path\" }");
/// ```
#[derive(Clone)]
pub struct X12File {
    source: X12Source,
}

#[derive(Clone)]
enum X12Source {
    Bytes {
        filename: String,
        bytes: bytes::Bytes,
    },
    Path(std::path::PathBuf),
}

impl X12File {
    /// A file from memory.
    pub fn from_bytes(filename: impl Into<String>, bytes: impl Into<bytes::Bytes>) -> Self {
        X12File {
            source: X12Source::Bytes {
                filename: filename.into(),
                bytes: bytes.into(),
            },
        }
    }

    /// A file on disk, read when the request is sent.
    pub fn from_path(path: impl Into<std::path::PathBuf>) -> Self {
        X12File {
            source: X12Source::Path(path.into()),
        }
    }

    /// The file name that is sent (never the full path).
    pub fn file_name(&self) -> String {
        match &self.source {
            X12Source::Bytes { filename, .. } => filename.clone(),
            X12Source::Path(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "upload.x12".to_owned()),
        }
    }

    /// The file name and contents.
    pub(crate) async fn load(&self) -> crate::Result<(String, bytes::Bytes)> {
        match &self.source {
            X12Source::Bytes { filename, bytes } => Ok((filename.clone(), bytes.clone())),
            X12Source::Path(p) => {
                let bytes = tokio::fs::read(p).await.map_err(|e| {
                    crate::Error::config(format!(
                        "could not read the X12 file given by path: {}",
                        e.kind()
                    ))
                })?;
                Ok((self.file_name(), bytes.into()))
            }
        }
    }

    /// A multipart body with this file as the `file` part (`application/EDI-X12`) and the
    /// given text fields.
    pub(crate) async fn form(&self, fields: &[(&str, &str)]) -> crate::Result<crate::Multipart> {
        let (filename, bytes) = self.load().await?;
        let mut form = crate::Multipart::new();
        for (k, v) in fields {
            form = form.text(*k, *v);
        }
        Ok(form.file("file", filename, "application/EDI-X12", bytes))
    }
}

impl fmt::Debug for X12File {
    // The name as its shape; the contents (X12, patient data) as their size.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("X12File");
        d.field("file_name", &Shaped(&self.file_name()));
        match &self.source {
            X12Source::Bytes { bytes, .. } => d.field("bytes", &bytes.len()),
            X12Source::Path(_) => d.field("source", &"path"),
        };
        d.finish()
    }
}

// ----- raw X12 -------------------------------------------------------------------------------

/// Raw X12 in JSON (`application/vnd.pokitdok.v4+edi-x12-json`): the request body and the
/// response `data` are `{"x12": "ISA*...~"}`.
///
/// `Debug` shows only the length (X12 holds patient data).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12Json {
    /// The X12 interchange.
    pub x12: String,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(X12Json {
    show: [],
    shape: [x12, extra],
});

impl X12Json {
    /// Wraps an X12 interchange.
    pub fn new(x12: impl Into<String>) -> Self {
        X12Json {
            x12: x12.into(),
            extra: Extra::new(),
        }
    }
}

/// Transliterated X12 (`Accept: application/vnd.pokitdok.v4+full-x12-json`): the segments with
/// named elements.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullX12Json {
    /// The segments, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub x12_segments: Vec<X12Segment>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(FullX12Json {
    show: [x12_segments],
    shape: [extra],
});

/// One X12 segment: its id (`NM1`, `EB`, ...) and its elements by name.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12Segment {
    /// Segment id.
    pub segment_id: String,
    /// Elements by name (`"last_or_organization_name": "DOE"`).
    #[serde(default)]
    pub data: Extra,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(X12Segment {
    show: [segment_id],
    shape: [data, extra],
});

impl X12Segment {
    /// An element's text.
    pub fn element(&self, name: &str) -> Option<&str> {
        self.data.get(name)?.as_str()
    }
}

// ----- errors --------------------------------------------------------------------------------

/// `data` of an X12 API's error answer: `{"errors": {...}}`.
///
/// Such answers become [`Error::TradingPartner`](crate::Error::TradingPartner) (or
/// [`Error::Validation`](crate::Error::Validation) for a 422); get the typed errors back with
/// [`X12ErrorData::from_error`]:
///
/// ```no_run
/// # async fn run(pd: pokitdok::PokitDok, req: pokitdok::models::eligibility::EligibilityRequest) {
/// use pokitdok::models::eligibility::X12ErrorData;
/// if let Err(e) = pd.eligibility(&req).await {
///     if let Some(ack) = X12ErrorData::from_error(&e).and_then(|d| d.errors.parsing) {
///         println!("rejected by the trading partner: {:?}", ack.transaction_set_syntax_errors);
///     }
/// }
/// # }
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12ErrorData {
    /// The errors.
    pub errors: X12Errors,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(X12ErrorData {
    show: [errors],
    shape: [extra],
});

impl X12ErrorData {
    /// The typed `data` of an error's body, when it has the `{"errors": ...}` shape.
    pub fn from_error(e: &crate::Error) -> Option<Self> {
        let json = e.body()?.json()?;
        let data = json.get("data").unwrap_or(json);
        serde_json::from_value(data.clone()).ok()
    }
}

/// The kinds of errors an X12 API reports.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12Errors {
    /// The trading partner rejected the X12 (the flattened 999 acknowledgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parsing: Option<ParsingError>,
    /// A query problem, e.g. an unknown trading partner in a raw X12 request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Platform validation errors (field name to messages), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(X12Errors {
    show: [parsing, query],
    shape: [validation, extra],
});

/// A whole X12 error answer whose `meta` may be missing (raw X12 requests).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12ErrorResponse {
    /// `meta`, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// `data`.
    pub data: X12ErrorData,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(X12ErrorResponse {
    show: [meta, data],
    shape: [extra],
});

/// The trading partner's X12 999 acknowledgement of a rejected request (`errors.parsing`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParsingError {
    /// Trading partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// GS03.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_receiver_code: Option<String>,
    /// GS02.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_sender_code: Option<String>,
    /// e.g. `"Rejected"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_group_acknowledge: Option<String>,
    /// e.g. `"R"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_group_acknowledge_code: Option<String>,
    /// e.g. `"HS"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_identifier_code: Option<String>,
    /// Group control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_control_number: Option<String>,
    /// Accepted transaction sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_accepted_transaction_sets: Option<i64>,
    /// Received transaction sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_received_transaction_sets: Option<i64>,
    /// Included transaction sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_transaction_sets_included: Option<i64>,
    /// Errors per segment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segment_errors: Vec<SegmentError>,
    /// e.g. `"Rejected"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_acknowledgment: Option<String>,
    /// e.g. `"R"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_acknowledgment_code: Option<String>,
    /// Transaction set control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_control_number: Option<String>,
    /// e.g. `"270"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_identifier_code: Option<String>,
    /// Syntax error codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_syntax_error_codes: Option<Vec<String>>,
    /// Syntax errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_syntax_errors: Option<Vec<String>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ParsingError {
    show: [
        trading_partner_id,
        application_receiver_code,
        application_sender_code,
        functional_group_acknowledge,
        functional_group_acknowledge_code,
        functional_identifier_code,
        group_control_number,
        number_of_accepted_transaction_sets,
        number_of_received_transaction_sets,
        number_of_transaction_sets_included,
        segment_errors,
        transaction_set_acknowledgment,
        transaction_set_acknowledgment_code,
        transaction_set_control_number,
        transaction_set_identifier_code,
        transaction_set_syntax_error_codes,
        transaction_set_syntax_errors
    ],
    shape: [extra],
});

/// A segment in error (999 IK3).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SegmentError {
    /// Loop, e.g. `"2100"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loop_id_code: Option<String>,
    /// Segment, e.g. `"NM1"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_id_code: Option<String>,
    /// Position in the transaction set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_in_transaction_set: Option<i64>,
    /// Error text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syntax_error: Option<String>,
    /// Error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syntax_error_code: Option<String>,
    /// Element errors (999 IK4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ElementError>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(SegmentError {
    show: [
        loop_id_code,
        segment_id_code,
        position_in_transaction_set,
        syntax_error,
        syntax_error_code,
        notes
    ],
    shape: [extra],
});

/// An element in error (999 IK4).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ElementError {
    /// Error text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_element_syntax_error: Option<String>,
    /// Error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_element_syntax_error_code: Option<String>,
    /// Element reference number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element_reference_number: Option<i64>,
    /// Position in the segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_in_segment: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ElementError {
    show: [
        data_element_syntax_error,
        data_element_syntax_error_code,
        element_reference_number,
        position_in_segment
    ],
    shape: [extra],
});
